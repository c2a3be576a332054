"""Reading and writing spreadsheets: participant import and export, with formula-safe cells."""
