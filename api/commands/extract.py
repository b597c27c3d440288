"""``newsgraph extract SOURCE``: print one article's extraction as JSON."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from api.settings import Settings

FORMATS = ("eval", "json")
EXIT_BAD_INPUT = 2


def extract_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="Path (.txt/.html/.json), http(s) URL, or '-'.")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="eval (EVALUATION.md shape) or json (full).")
    ] = "eval",
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy model (default $NEWSGRAPH_SPACY_MODEL)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            min=1,
            help="Largest article accepted, in bytes (default $NEWSGRAPH_MAX_ARTICLE_BYTES).",
        ),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="URL timeout in seconds.")
    ] = None,
) -> None:
    """Extract people, organisations, places, roles, statements and events from an article."""
    # imported here so that other commands do not pay for loading spaCy
    from loaders import (
        ArticleError,
        ModelNotFoundError,
        extract,
        load_model,
        read,
        to_eval,
        to_json,
    )

    if output_format not in FORMATS:
        _fail(f"Unknown format {output_format!r}. Use one of: {', '.join(FORMATS)}.")
    settings: Settings = ctx.obj
    model_name = model or settings.spacy_model
    try:
        article = read(
            source,
            max_bytes=max_bytes or settings.max_article_bytes,
            timeout=timeout or settings.fetch_timeout,
            allow_networks=settings.fetch_allow_networks,
        )
        extraction = extract(article, nlp=load_model(model_name))
    except (ArticleError, ModelNotFoundError) as exc:
        _fail(str(exc))
    payload = to_eval(extraction) if output_format == "eval" else to_json(extraction)
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code=EXIT_BAD_INPUT)


def register(app: typer.Typer) -> None:
    """Add the ``extract`` command to the CLI application."""
    app.command("extract")(extract_command)
