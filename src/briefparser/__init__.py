"""briefparser: figures from Dutch ministerial letters as validated, comparable records."""

from briefparser.extraction import extract, extract_document, extract_file, extract_many
from briefparser.models import LetterRecord

__all__ = ["LetterRecord", "extract", "extract_document", "extract_file", "extract_many"]
__version__ = "0.1.0"
