"""configs/accelerate/*.yaml: each loads with accelerate's own loader, resolves as `accelerate launch` resolves it,
and says what its name says. The 2-process CPU config is launched for real (gloo, two ranks, an all-reduce)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from accelerate.commands.config.config_args import ClusterConfig, load_config_from_file
from accelerate.utils import DistributedType

from tests.helpers import REPO

CONFIGS = REPO / "configs" / "accelerate"
ALL = sorted(p.name for p in CONFIGS.glob("*.yaml"))


def _launch_args(name: str, *extra: str, port: str = "0"):
    """What `accelerate launch --config_file NAME ... -m tasks.train` resolves before it starts anything.

    accelerate's own argument parser and its (private) validation step merge the config into the arguments; a
    free port (0) is passed so the multi-process configs can be checked while another run holds 29500.
    """
    from accelerate.commands.launch import _validate_launch_command, launch_command_parser

    argv = ["--config_file", str(CONFIGS / name), "--main_process_port", port, *extra, "-m", "tasks.train"]
    args, _, _ = _validate_launch_command(launch_command_parser().parse_args(argv))
    return args


@pytest.mark.parametrize("name", ALL)
def test_every_config_loads_with_accelerates_loader_and_is_headed_by_its_command(name: str) -> None:
    config = load_config_from_file(str(CONFIGS / name))
    assert isinstance(config, ClusterConfig), f"{name}: {type(config).__name__}"
    assert config.num_processes >= 1, f"{name}: num_processes must be set (accelerate launch needs a number)"
    first = (CONFIGS / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and ("sftops" in first or "accelerate launch" in first or "node" in first), (
        f"{name}: the first line should be the command that runs it, got {first!r}"
    )


@pytest.mark.parametrize(
    ("name", "distributed_type", "processes", "machines", "use_cpu"),
    [
        ("cpu_single.yaml", DistributedType.NO, 1, 1, True),
        ("single_gpu.yaml", DistributedType.NO, 1, 1, False),
        ("cpu_ddp_2proc.yaml", DistributedType.MULTI_GPU, 2, 1, True),  # torchrun starts the 2 workers: see the file
        ("multi_gpu_ddp.yaml", DistributedType.MULTI_GPU, 8, 1, False),
        ("fsdp_8gpu.yaml", DistributedType.FSDP, 8, 1, False),
        ("multi_node_fsdp.yaml", DistributedType.FSDP, 16, 2, False),
    ],
)
def test_each_config_is_the_layout_its_name_says(
    name: str, distributed_type: DistributedType, processes: int, machines: int, use_cpu: bool
) -> None:
    config = load_config_from_file(str(CONFIGS / name))
    got = (config.distributed_type, config.num_processes, config.num_machines, config.use_cpu)
    assert got == (distributed_type, processes, machines, use_cpu), f"{name}: {got}"
    args = _launch_args(name)
    assert args.num_processes == processes and args.num_machines == machines, f"{name}: launch resolved {args}"
    assert args.use_fsdp == (distributed_type == DistributedType.FSDP), name
    assert args.multi_gpu == (distributed_type == DistributedType.MULTI_GPU), name


@pytest.mark.parametrize("name", ["fsdp_8gpu.yaml", "multi_node_fsdp.yaml"])
def test_the_fsdp_configs_shard_fully_wrap_llama_layers_and_checkpoint_activations(name: str, monkeypatch) -> None:
    # given the config / when accelerate launch turns it into the workers' environment and a worker builds its
    # FSDP plugin from that environment / then FSDP2, full shard, one unit per LlamaDecoderLayer, checkpointing
    from accelerate.utils import FullyShardedDataParallelPlugin
    from accelerate.utils.launch import prepare_multi_gpu_env
    from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy

    config = load_config_from_file(str(CONFIGS / name))
    assert config.fsdp_config["fsdp_auto_wrap_policy"] == "TRANSFORMER_BASED_WRAP", config.fsdp_config
    assert config.fsdp_config["fsdp_transformer_layer_cls_to_wrap"] == "LlamaDecoderLayer", config.fsdp_config
    env = prepare_multi_gpu_env(_launch_args(name))
    assert env["ACCELERATE_USE_FSDP"] == "true" and env["ACCELERATE_MIXED_PRECISION"] == "bf16", env
    for key, value in env.items():
        if key.startswith("FSDP_"):
            monkeypatch.setenv(key, value)
    plugin = FullyShardedDataParallelPlugin()
    assert plugin.fsdp_version == 2, plugin.fsdp_version
    assert plugin.reshard_after_forward is True, "FSDP2 full shard"
    assert plugin.auto_wrap_policy is transformer_auto_wrap_policy, plugin.auto_wrap_policy
    assert plugin.transformer_cls_names_to_wrap == ["LlamaDecoderLayer"], plugin.transformer_cls_names_to_wrap
    assert plugin.activation_checkpointing is True
    assert plugin.state_dict_type.name == "FULL_STATE_DICT", plugin.state_dict_type
    assert type(plugin.cpu_offload).__name__ == "OffloadPolicy", "no CPU offload (CPUOffloadPolicy would be)"


def test_the_multi_node_config_starts_8_workers_per_node_and_takes_the_node_rank_from_the_command_line() -> None:
    config = load_config_from_file(str(CONFIGS / "multi_node_fsdp.yaml"))
    assert config.machine_rank == 0 and config.main_process_ip and config.main_process_port == 29500, config
    from accelerate.utils.launch import prepare_multi_gpu_env

    # the second node: its rank and the main node's address on the command line, the port from the config
    args = _launch_args("multi_node_fsdp.yaml", "--machine_rank", "1", "--main_process_ip", "10.1.2.3", port="29500")
    prepare_multi_gpu_env(args)
    assert (args.nproc_per_node, args.nnodes, args.node_rank) == ("8", "2", 1), vars(args)
    assert args.rdzv_endpoint == "10.1.2.3:29500", args.rdzv_endpoint


def test_cpu_ddp_2proc_runs_two_gloo_ranks_on_the_cpu(tmp_path: Path) -> None:
    # given a worker that all-reduces its rank + 1 / when launched with the config and ACCELERATE_USE_CPU=true /
    # then two MULTI_CPU ranks on gloo both see 1 + 2 = 3
    worker = tmp_path / "worker.py"
    worker.write_text(
        "import sys, torch, torch.distributed as dist\n"
        "from accelerate import Accelerator\n"
        "a = Accelerator()\n"
        "t = torch.tensor([a.process_index + 1.0])\n"
        "dist.all_reduce(t)\n"
        "line = (f'rank={a.process_index} world={a.num_processes} type={a.distributed_type.value} '\n"
        "        f'backend={dist.get_backend()} device={a.device.type} sum={t.item():g}')\n"
        "open(f'{sys.argv[1]}/rank{a.process_index}.txt', 'w').write(line)\n"
        "a.end_training()  # destroys the process group: exiting with it alive can abort a gloo rank\n"
    )
    env = {**os.environ, "ACCELERATE_USE_CPU": "true", "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(CONFIGS / "cpu_ddp_2proc.yaml")]
    result = subprocess.run([*cmd, str(worker), str(tmp_path)], env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [(tmp_path / f"rank{rank}.txt").read_text() for rank in (0, 1)]
    assert lines == [
        "rank=0 world=2 type=MULTI_CPU backend=gloo device=cpu sum=3",
        "rank=1 world=2 type=MULTI_CPU backend=gloo device=cpu sum=3",
    ], lines
