"""The prepared-data contract between prepare (writes it), validate and train (read it)."""

# data/prepared/<split>.jsonl, one per split
SPLITS = ("train", "eval", "heldout")
# label of a token that is not trained on (PyTorch cross-entropy's ignore_index)
IGNORE_INDEX = -100
