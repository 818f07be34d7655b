"""Print what the annotate stage saw in one article: councils, grades (kept and rejected, with readings), areas, types, dates.

    python scripts/explain.py ARTICLE.txt [--all]

For tracing a miss to its rule; not part of the installed tool.
"""

import sys

from ofsted_extract.api import pipeline


def main(path: str, show_all: bool) -> None:
    doc = pipeline()(open(path, encoding="utf-8").read())
    for n, sent in enumerate(doc.sents):
        keys = ("ofsted_grade", "ofsted_grade_rejected", "ofsted_area", "ofsted_type", "ofsted_date", "ofsted_modifier")
        marks = []
        for ent in sent.ents:
            marks.append(f"COUNCIL[{ent.text}|{ent.ent_id_}]")
        for key in keys:
            for s in doc.spans.get(key, []):
                if sent.start <= s.start < sent.end:
                    if key == "ofsted_grade":
                        marks.append(f"GRADE[{s.text}={s.id_}:{s._.ofsted_reading}{'/stat' if s._.ofsted_statistical else ''}]")
                    elif key == "ofsted_grade_rejected":
                        marks.append(f"no-grade[{s.text}:{s.kb_id_}]")
                    elif key == "ofsted_date":
                        marks.append(f"DATE[{s.text}:{s._.ofsted_date.kind}]")
                    else:
                        marks.append(f"{s.label_}[{s.text}{'=' + s.id_ if s.id_ else ''}]")
        if marks or show_all:
            print(f"{n:3d} {sent.text.strip()[:110]!r}\n      " + " ".join(marks))


if __name__ == "__main__":
    main(sys.argv[1], "--all" in sys.argv)
