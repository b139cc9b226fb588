import { DEMO, startServer } from './index';

// `npm run server [-- --access-ttl N --refresh-ttl N --pro]`: the test server on PORT (default 5212).

function argValue(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const accessTtl = argValue('--access-ttl');
	const refreshTtl = argValue('--refresh-ttl');
	const server = await startServer({
		port: Number(process.env.PORT ?? 5212),
		accessTtlSeconds: accessTtl ? Number(accessTtl) : undefined,
		refreshTtlSeconds: refreshTtl ? Number(refreshTtl) : undefined,
		pro: process.argv.includes('--pro'),
	});
	console.log(`Cloudreve-compatible test server listening on ${server.url}`);
	console.log(`  demo login:   ${DEMO.email} / ${DEMO.password}`);
	console.log(`  2FA login:    ${DEMO.totpEmail} / ${DEMO.totpPassword} (TOTP secret ${DEMO.totpSecret})`);
	const stop = () => void server.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
