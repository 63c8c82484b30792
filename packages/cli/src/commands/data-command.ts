/**
 * `rnnlab data tinyshakespeare`: downloads the assignment's corpus into data/ and verifies its sha256
 * (see ../data/download.ts). Other corpora ship with the npm packages and need no download.
 */
import { Command, Option } from 'commander';
import { downloadTinyShakespeare } from '@rnnlab/core';

export function dataCommand(): Command {
  return new Command('data')
    .description('Download a corpus that does not ship with rnnlab.')
    .addArgument(new Command().createArgument('<corpus>', 'the corpus to fetch').choices(['tinyshakespeare']))
    .addOption(new Option('--url <url>', 'fetch from this address instead (a mirror); the sha256 is still checked'))
    .action(async (_corpus: string, flags: { url?: string }) => {
      const result = await downloadTinyShakespeare({ url: flags.url });
      const what = result.downloaded ? `Downloaded ${result.bytes.toLocaleString('en-US')} bytes from ${result.url}` : 'Already present';
      process.stdout.write(`${what}: ${result.path} (sha256 ${result.sha256} verified)\n`);
    });
}
