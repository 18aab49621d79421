"""The train stage's building blocks, composed by the recipe in tasks/train.py (setup, loop, save); none imports
a stage. batching (examples, padded or packed batches, length-grouped order, accumulation windows), packing,
model (precision and method checks, the model with its LoRA adapters), loss (token loss, eval loss), optim
(AdamW, schedule), history (step log, loss curve, summary), checkpoint (resumable checkpoints), saving (adapter
or whole model, also under FSDP; the stage's outputs), mlflow_run (the stage's MLflow run)."""
