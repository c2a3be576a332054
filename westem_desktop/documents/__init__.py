"""Printed documents (reportlab, no Qt): the mentoring agreement, certificates, handouts.

Every text goes through ``Translator`` for the language chosen at print time, so a document is wholly
in one language whatever the interface language is.
"""
