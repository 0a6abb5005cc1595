"""`kronik explain PATH...`: show, sentence by sentence, why the coder produced (or dropped) each event.

It prints the trace that kronik.events.trace builds while coding, so what it shows is exactly what
`kronik extract` did: there is no second code path.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from kronik.events import DocumentTrace, SentenceTrace, trace
from kronik.model import Event
from kronik.readers import ReadReport
from kronik.rules import Candidate
from kronik.settings import DEFAULT, Settings


def _event_line(e: Event) -> str:
    arrow = " + ".join(e.actors) if not e.recipients else f"{', '.join(e.actors)} -> {', '.join(e.recipients)}"
    kind = e.type + (f"/{e.mode}" if e.mode else "")
    where = f" at {e.location} ({e.location_country})" if e.location else ""
    return f"{kind} {arrow} [{e.status}] date={e.date or '-'}{where} quad={e.quad} cameo={e.cameo} score={e.intensity}"


def _candidate_lines(c: Candidate) -> list[str]:
    cue = c.cue
    frame = ", ".join(f for f, on in (("mutual", cue.mutual), ("host", cue.host), ("topic", cue.topic),
                                      ("governs", cue.governs), ("adjacent", cue.adjacent)) if on)
    out = [f"  cue {c.text!r} (stem {cue.stem!r}, {cue.voice}{', ' + frame if frame else ''}) -> "
           f"{cue.type}{'/' + cue.mode if cue.mode else ''}"]
    if c.parties is not None:
        p = c.parties
        out.append(f"    parties: doer: {'; '.join(m.text for m in p.agents) or '-'}; "
                   f"target: {'; '.join(m.text for m in p.targets) or '-'}{'; reciprocal' if p.reciprocal else ''}")
    out.extend(f"    [{name}] {note}" for name, note in c.fired)
    if c.event is not None:
        out.append(f"    => EVENT {_event_line(c.event)}")
    else:
        out.append(f"    => dropped: {c.dropped}")
    return out


def _sentence_lines(s: SentenceTrace, number: int) -> list[str]:
    out = [f"[{s.paragraph}.{number}] {s.text}"]
    for m in s.mentions:
        members = f" = {'+'.join(m.members)}" if m.members else ""
        out.append(f"  actor {m.text!r} -> {m.code}{members} ({m.kind}; {m.how})")
    for d in s.dates:
        note = " (date of the quoted source)" if d.reporting else " (a deadline)" if d.deadline else ""
        out.append(f"  date {d.text!r} -> {d.value or 'unresolved'}{note}")
    for c in s.candidates:
        out.extend(_candidate_lines(c))
    return out


def format_trace(doc_id: str, t: DocumentTrace) -> str:
    """The trace of one document as readable text."""
    lines = [f"=== {doc_id}  (relative dates count from {t.anchor or 'unknown'})"]
    para, number = -1, 0
    for s in t.sentences:
        number = number + 1 if s.paragraph == para else 1
        para = s.paragraph
        if s.mentions or s.candidates:
            lines.extend(_sentence_lines(s, number))
    for dup, into in t.merged:
        lines.append(f"merged: {_event_line(dup)}  into  {_event_line(into)}")
    lines.append(f"events ({len(t.events)}):")
    lines.extend(f"  {_event_line(e)}" for e in t.events)
    return "\n".join(lines) + "\n"


def explain_paths(paths: list[str], out: TextIO, settings: Settings = DEFAULT, report: ReadReport | None = None) -> int:
    """Read, clean and trace every document under ``paths``; the number of documents that failed.

    Pages in a language the coder does not read get no trace, as `kronik extract` codes no events for them,
    and the output says so."""
    from kronik.pipeline import read_article
    from kronik.readers import read_paths

    failed = 0
    for raw in read_paths(paths, report):
        if raw.error:
            out.write(f"=== {raw.id}: {raw.error}\n")
            failed += 1
            continue
        article = read_article(raw, settings)
        if article.language not in settings.code_languages:
            out.write(f"=== {raw.id}\nnot event-coded: the page is in language {article.language or 'unknown'!r}; "
                      f"kronik codes events in pages in {', '.join(settings.code_languages)}\nevents (0)\n")
            continue
        out.write(format_trace(raw.id, trace(article, settings)))
    return failed


def command(args: argparse.Namespace) -> int:
    """CLI entry point; the exit status follows the README's rule (2 when a path cannot be read)."""
    report = ReadReport()
    failed = explain_paths(list(args.paths), sys.stdout, report=report)
    for note in report.notes():
        print(f"kronik explain: {note}", file=sys.stderr)
    return report.exit_status(failed, getattr(args, "strict", False))
