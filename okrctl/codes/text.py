"""Codes of the load phase about what the text of a file holds rather than whether it reads
(OKR113, OKR114): the file is read, and these are reported beside its other findings."""

from __future__ import annotations

from okrctl.codes.entry import Code, Phase
from okrctl.codes.severity import Severity

BIDI_IN_IDENTIFIER = Code(
    code="OKR113",
    name="bidi-in-identifier",
    phase=Phase.LOAD,
    severity=Severity.ERROR,
    doc="""
    A bidirectional control character in a key, an id, a name of something, a URL or a file name.

    The Unicode bidirectional controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069
    isolates, the U+200E and U+200F marks, the U+061C Arabic letter mark) change the order in which
    text is displayed without changing the text ("Trojan Source"): an id or an address then reads
    one way in a pull request's diff and another where it is used. The message names the character
    and the field; the position is the character's own (a character written as an escape in a
    double-quoted string is reported at the string). Right-to-left text needs no control
    characters: remove it. The file is still read; in prose the same character is OKR114.

    ## Failing example

    ```yaml
    links:
      - title: Conversion dashboard
        url: "https://dash.example.com/lite\\u202eq4"
    ```

    ## Passing example

    ```yaml
    links:
      - title: Conversion dashboard
        url: "https://dash.example.com/lite-q4"
    ```
    """,
)

BIDI_IN_PROSE = Code(
    code="OKR114",
    name="bidi-in-prose",
    phase=Phase.LOAD,
    severity=Severity.WARNING,
    doc="""
    A bidirectional control character in a title, a description, a note or a comment.

    In prose the control characters of OKR113 make a sentence display in another order than it is
    written, so a pull request's diff reads differently from what the site publishes. A warning
    (the text stays what it is): remove the character; right-to-left text needs none. The fields of
    prose are titles, names, descriptions, check-in notes, retrospectives, dropped reasons and a key
    result's unit of measure; comments count too. A file holding more than a hundred of them gets
    one more finding that counts the rest.

    ## Failing example

    ```yaml
    title: "Turn Lite leads into customers \\u202eat a higher rate"
    ```

    ## Passing example

    ```yaml
    title: Turn Lite leads into customers at a higher rate
    ```
    """,
)

ENTRIES = (BIDI_IN_IDENTIFIER, BIDI_IN_PROSE)
