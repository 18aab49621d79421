"""Where each stage reads and writes, relative to the project root (the folder holding dvc.yaml).

dvc.yaml names the same paths; tests/flows/test_dag.py checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @classmethod
    def here(cls) -> ProjectPaths:
        return cls(Path.cwd().resolve())

    @property
    def params(self) -> Path:
        return self.root / "params.yaml"

    @property
    def evals(self) -> Path:
        return self.root / "evals"

    # base_model
    @property
    def base_model(self) -> Path:
        return self.root / "models" / "base"

    # prepare
    @property
    def prepared(self) -> Path:
        return self.root / "data" / "prepared"

    def split_file(self, split: str) -> Path:
        return self.prepared / f"{split}.jsonl"

    @property
    def rejects(self) -> Path:
        return self.root / "outputs" / "prepare" / "rejects.jsonl"

    # data_card
    @property
    def data_card_dir(self) -> Path:
        return self.root / "outputs" / "data_card"

    @property
    def data_card(self) -> Path:
        """The markdown data card; it embeds the PNGs beside it by relative path."""
        return self.data_card_dir / "data_card.md"

    @property
    def token_lengths_png(self) -> Path:
        return self.data_card_dir / "token_lengths.png"

    @property
    def token_lengths_csv(self) -> Path:
        """Histogram of prompt and response token lengths (columns bin,prompt,response), a DVC plot."""
        return self.data_card_dir / "token_lengths.csv"

    @property
    def turns_png(self) -> Path:
        return self.data_card_dir / "turns.png"

    @property
    def turns_csv(self) -> Path:
        """Conversations per number of user turns (columns turns,conversations), a DVC plot."""
        return self.data_card_dir / "turns.csv"

    # validate
    @property
    def validation(self) -> Path:
        return self.root / "outputs" / "validate" / "validation.json"

    @property
    def data_docs(self) -> Path:
        """GX Data Docs (static HTML) of the last validation; open index.html."""
        return self.root / "outputs" / "validate" / "data_docs"

    # train
    @property
    def adapter(self) -> Path:
        return self.root / "models" / "adapter"

    @property
    def train_dir(self) -> Path:
        return self.root / "outputs" / "train"

    @property
    def checkpoints(self) -> Path:
        """Resumable training checkpoints; not a DVC out, so a failed or killed train stage leaves them."""
        return self.train_dir / "checkpoints"

    @property
    def tracking_run(self) -> Path:
        """The MLflow run id that train opened; later stages log into the same run."""
        return self.train_dir / "mlflow_run.json"

    @property
    def loss_curve(self) -> Path:
        return self.train_dir / "loss.csv"

    # evaluate
    @property
    def eval_dir(self) -> Path:
        return self.root / "outputs" / "evaluate"

    @property
    def higher_is_better(self) -> Path:
        """{"<task>/<metric>": bool}: each eval metric's direction as its task declares it."""
        return self.eval_dir / "higher_is_better.json"

    @property
    def item_outcomes(self) -> Path:
        """Both models' per-item outcomes of every metric (tasks/core/paired.py owns the format); logged with the
        run's eval artifacts, so the gate can pair a later challenger with this run's model item by item."""
        return self.eval_dir / "item_outcomes.json"

    @property
    def eval_vs_base(self) -> Path:
        """{"<task>/<metric>": paired comparison of the fine-tuned model with the base, and its verdict}."""
        return self.eval_dir / "vs_base.json"

    # register
    @property
    def model_version(self) -> Path:
        return self.root / "outputs" / "register" / "model_version.json"

    # gate
    @property
    def gate_dir(self) -> Path:
        return self.root / "outputs" / "gate"

    @property
    def gate_decision(self) -> Path:
        """The promotion gate's decision, champion before and after, and every check with its reason."""
        return self.gate_dir / "decision.json"

    @property
    def gate_markdown(self) -> Path:
        """The same decision as markdown (a summary line and the checks table), for the report."""
        return self.gate_dir / "decision.md"

    # report
    @property
    def report(self) -> Path:
        return self.root / "reports" / "report.md"

    def metrics(self, stage: str) -> Path:
        return self.root / "metrics" / f"{stage}.json"
