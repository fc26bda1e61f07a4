#!/usr/bin/env bash
# Installs Debian's single-node Slurm (slurmctld, slurmd, the client tools) and munge for the cohort scale-out
# test (tests/InstanceSaliency.Cli.Tests/Commands/CohortSlurmTests.cs), which starts them on localhost itself;
# no systemd service is used. Does nothing when they are already there.
set -euo pipefail
if { command -v sbatch && [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/sbin/munged ]; } >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
command -v sbatch >/dev/null && [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] && [ -x /usr/sbin/munged ]
