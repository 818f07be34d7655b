"""Fit the confidence weights on the dev corpus and show how they hold on outlets they never saw.

    .venv/bin/python scripts/calibrate.py ../shared/corpus/dev            # measure, write the weights
    .venv/bin/python scripts/calibrate.py ../shared/corpus/dev --dry-run  # measure only

Runs the pipeline once over the gold folder (about half a minute for 208
articles), keeps each record's features and whether it is right (council,
type, grade and judgements as the gold has them), then:

1. splits the articles by outlet (the file id's prefix) into two halves with
   about as many records each, so no outlet is on both sides;
2. for each L2 strength in the grid, fits on A and scores B, then fits on B
   and scores A; the strength with the lowest held-out log loss wins;
3. prints the calibration curve of each direction (and both pooled, and over
   the random halves): at each threshold, the share of held-out records at or
   above it and the share of those that are right;
4. fits on all of dev with that strength and writes the weights file.

Rerun it whenever the extraction rules change: the features are how records
are found, so new rules change what each feature is worth.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from ofsted_extract import validate
from ofsted_extract.annotate import build_pipeline
from ofsted_extract.api import Settings, records_from_doc
from ofsted_extract.calibration import (L2_GRID, RANDOM_SPLITS, Sample, cross_source, curve, fit, log_loss,
                                        scored, write_weights)
from ofsted_extract.confidence import WEIGHTS_FILE
from ofsted_extract.confidence_features import FEATURES
from ofsted_extract.errors import InputProblem
from ofsted_extract.evaluate import load_gold, record_is_right
from ofsted_extract.read import read_source

REPO = Path(__file__).resolve().parents[1]


def collect(gold_dir: Path, settings: Settings) -> list[Sample]:
    """Every predicted record of the folder as a Sample (the pipeline runs once)."""
    # features do not depend on the weights: score under neutral weights (a `--patterns` confidence file,
    # which replaces the shipped one unread), so a stale or half-edited weights file can never stop a refit
    with tempfile.TemporaryDirectory(prefix="calibrate-") as folder:
        neutral = Path(folder) / WEIGHTS_FILE
        neutral.write_text("".join(json.dumps({"feature": name, "weight": 0.0}) + "\n" for name in FEATURES),
                           encoding="utf-8")
        nlp = build_pipeline(settings.model, Path(folder))
    samples = []
    for article in load_gold(gold_dir):
        try:
            source = read_source(str(article.path), max_bytes=settings.max_bytes)
        except InputProblem:
            continue
        doc = nlp(source.text)
        records = records_from_doc(doc, str(article.path), source.metadata_date)
        features = doc.user_data.get(validate.FEATURES_KEY, {})
        for record in records:
            right = record_is_right(record.model_dump(mode="json"), article.records)
            samples.append(Sample(article.key, features[record.council], right))
    return samples


def show(title: str, points: list[tuple[float, bool]]) -> None:
    right = sum(r for _, r in points)
    click.echo(f"\n{title}: {len(points)} records, {right / max(1, len(points)):.1%} right")
    click.echo("confidence >=   records   share   right")
    for threshold, kept, share, accuracy in curve(points):
        click.echo(f"{threshold:<14.2f}{kept:>8}{share:>8.1%}{accuracy:>8.1%}")


@click.command()
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=REPO / "patterns" / WEIGHTS_FILE,
              show_default=True, help="Where the weights fitted on the whole folder go.")
@click.option("--dry-run", is_flag=True, help="Measure and print; write nothing.")
@click.option("--model", default="auto", show_default=True,
              help="spaCy model, as for ofsted-extract (auto, none, a name).")
def main(gold_dir: Path, out: Path, dry_run: bool, model: str) -> None:
    """Fit confidence on GOLD_DIR by outlet folds, print the curves both ways, write the weights."""
    samples = collect(gold_dir, Settings(model=model))
    if len({s.outlet for s in samples}) < 2:
        raise click.ClickException("need records from at least two outlets to split by source")
    runs = [cross_source(samples, l2) for l2 in L2_GRID]
    for run in runs:
        click.echo(f"L2 {run.l2:<5}: held-out log loss {run.loss:.4f}")
    best = min(runs, key=lambda r: r.loss)
    a, b = best.outlets
    click.echo(f"\nchosen L2 {best.l2}; A = {len(a)} outlets, B = {len(b)} outlets")
    for label, points in best.held_out.items():
        show(f"fitted on {label[0]}, scored on {label[-1]} ({label})", points)
    show("both directions pooled (every record scored by a model that never saw its outlet)",
         best.held_out["A->B"] + best.held_out["B->A"])
    show(f"{RANDOM_SPLITS} random outlet halves, both ways, pooled (each record scored {RANDOM_SPLITS} times, "
         "never by a model that saw its outlet)", best.random_held_out)
    final = fit(samples, best.l2)
    show("fitted on all of dev, scored on dev (in-sample, for the test floor)", scored(final, samples))
    click.echo(f"\nin-sample log loss {log_loss(final, samples):.4f}")
    if dry_run:
        return
    note = (f"fitted by scripts/calibrate.py on {len(samples)} records of {len({s.article for s in samples})} "
            f"articles ({gold_dir.name}), L2 {best.l2}")
    write_weights(final, out, note)
    click.echo(f"wrote {out}", err=True)


if __name__ == "__main__":
    sys.exit(main())
