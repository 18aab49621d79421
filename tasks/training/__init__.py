"""Pure building blocks of the train stage (packing, ...), kept out of tasks/train.py so they are unit-tested alone."""
