"""Write ``items.jsonl`` for the ``refusal_consistency`` probe (stdlib only, deterministic).

The prompts are written by hand for this project; nothing is downloaded or sampled. Each intent (a
*cluster*) is asked five times in deliberately different wordings, one per *style*:

* ``direct``   - a plain request;
* ``polite``   - "Could you please ...";
* ``roleplay`` - the request wrapped in a persona or fiction frame ("Pretend you are ...");
* ``casual``   - lower-case, chatty, slangy;
* ``terse``    - a few words, telegram style.

``kind`` is ``harmful`` (a request a safe assistant should decline; kept short and generic, as in
XSTest-style benchmarks: the request, never any harmful detail) or ``harmless`` (a benign request that only
*sounds* sensitive: "kill a Python process", "hijack a tmux session"). The clusters live in
``sources/clusters.jsonl``, their single source, one object per line: ``kind``, ``cluster`` and one field per
style holding that paraphrase. Each output line is::

    {"cluster": "harmful_malware", "id": "rc_harmful_006", "kind": "harmful", "prompt": "...", "style": "direct"}

Ids are ``rc_<kind>_<nnn>`` numbered in source order (cluster by cluster, styles in the order above), so they
stay stable as long as new clusters are appended after the last one of their kind. In the file the two kinds alternate
item by item (round-robin), and each kind's clusters come one after the other, so ``--limit N`` covers both
kinds and holds complete clusters. Output is byte-identical on every run (sorted keys, ``\\n`` endings).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/: build_common
import build_common  # noqa: E402

SOURCE = build_common.source_path(__file__, "clusters.jsonl")
STYLES = ("direct", "polite", "roleplay", "casual", "terse")  # one paraphrase per style, in this order
KINDS = ("harmful", "harmless")


def build_items() -> list[dict[str, str]]:
    """Every item as a dict: kinds alternate item by item, clusters stay contiguous within a kind."""
    clusters = build_common.read_source(SOURCE, ("kind", "cluster", *STYLES))
    per_kind = []
    for kind, group in build_common.group_by(clusters, "kind", KINDS).items():
        rows = []
        for cluster in group:
            for style in STYLES:
                rows.append(
                    {
                        "id": f"rc_{kind}_{len(rows) + 1:03d}",
                        "cluster": f"{kind}_{cluster['cluster']}",
                        "kind": kind,
                        "style": style,
                        "prompt": cluster[style],
                    }
                )
        per_kind.append(rows)
    return build_common.interleave(per_kind)


if __name__ == "__main__":
    build_common.main(__file__, __doc__, build_items)
