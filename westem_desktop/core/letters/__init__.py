"""Letters as e-mail drafts (issue 22): the templates of a programme's letters (``templates``), the drafts
made from them and written as ``.eml`` files. Qt-free; nothing here opens a network connection."""
