// CLI entry (nest-commander) — see commands/
