// The --config / --no-config options shared by validate and probe (README "Configuration file").
import { Option, type Command } from 'commander';

export function addConfigOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--config <file>', 'configuration file (default: the nearest ukcore-check.config.json upward from here)').env('UKCORE_CHECK_CONFIG'))
    .option('--no-config', 'ignore configuration files');
}
