// The benchmark's test server, in its own process so that neither client shares an event loop with it.
// `tsx test/bench/server.ts <policy> <chunkMiB>` prints `READY <url>` once listening.
import { DEMO, startServer } from '../server';
import { uploadControl, type PolicyType } from '../server/storage';

async function main(): Promise<void> {
	const [type = 'local', chunkMiB = '25'] = process.argv.slice(2);
	const server = await startServer({ port: 0 });
	if (type !== 'default') uploadControl(server).use(DEMO.email, { type: type as PolicyType, chunkSize: Number(chunkMiB) * 1024 * 1024 });
	process.stdout.write(`READY ${server.url}\n`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
