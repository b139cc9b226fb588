import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { State } from '../state';
import type { UserRecord } from '../types';
import { bdecode, type BValue } from './bencode';
import { type Runner, TaskEngine, TaskFailure } from './engine';
import { mySegments, ownerOf, writeFile } from './files';
import type { DownloadFileState, TaskRecord } from './types';

// remote_download runners (§2.5). URLs are fetched over HTTP (the loopback file server of `server.remote`);
// a .torrent is simulated: its file list is real (bencode), its bytes are generated, progress advances per step.

function sanitize(name: string): string {
	const clean = name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').trim();
	return clean && clean !== '.' && clean !== '..' ? clean : 'download';
}

function fileNameFor(url: URL, res: IncomingMessage): string {
	const cd = res.headers['content-disposition'];
	const m = typeof cd === 'string' ? /filename="?([^";]+)"?/i.exec(cd) : null;
	if (m) return sanitize(m[1]);
	const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
	try {
		return sanitize(decodeURIComponent(last) || 'index.html');
	} catch {
		return sanitize(last);
	}
}

/** Like 4.16.1+'s SSRF policy: loopback/private targets are rejected, except this site and the remote file server. */
function checkUrl(engine: TaskEngine, url: URL): void {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const privateHost = host === 'localhost' || /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.)/.test(host) || host === '::1';
	const site = engine.state.siteUrl ? new URL(engine.state.siteUrl).host : '';
	if (privateHost && !engine.remote.owns(url) && url.host !== site) {
		throw new TaskFailure(`url rejected: ${url.hostname} resolves to a private or loopback address`);
	}
}

function setDownload(t: TaskRecord, patch: Partial<NonNullable<TaskRecord['download']>>): void {
	t.download = {
		name: '',
		state: 'downloading',
		total: 0,
		downloaded: 0,
		download_speed: 0,
		uploaded: 0,
		upload_speed: 0,
		...(t.download ?? {}),
		...patch,
	};
}

/** Fetches `url` while the task keeps ticking; resolves with the body and its file name. */
function fetchBody(engine: TaskEngine, t: TaskRecord, url: URL): Promise<{ body: Buffer; name: string }> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const req = httpRequest(url, { method: 'GET' }, (res) => {
			const status = res.statusCode ?? 0;
			if (status < 200 || status >= 300) {
				res.resume();
				reject(new TaskFailure(`download failed: ${status === 404 ? 'resource not found' : 'server error'} (HTTP ${status}) for ${url.href}`));
				return;
			}
			const name = fileNameFor(url, res);
			const total = Number(res.headers['content-length'] ?? 0) || 0;
			const chunks: Buffer[] = [];
			let got = 0;
			setDownload(t, { name, total });
			res.on('data', (c: Buffer) => {
				chunks.push(c);
				got += c.length;
				const secs = Math.max(0.001, (Date.now() - started) / 1000);
				setDownload(t, { downloaded: got, download_speed: Math.round(got / secs) });
				engine.progress(t, 'download', got, total || got, name);
			});
			res.on('end', () => {
				if (res.complete) resolve({ body: Buffer.concat(chunks), name });
				else reject(new TaskFailure('download failed: connection closed early'));
			});
			res.on('error', reject);
		});
		req.on('error', (err) => reject(new TaskFailure(`download failed: ${err.message}`)));
		t.abort = () => req.destroy(new Error('canceled'));
		req.end();
	});
}

export const urlDownloadRunner: Runner = async (t, engine) => {
	const { state } = engine;
	const owner = ownerOf(state, t.ownerId);
	const src = String(t.props.src_str);
	let url: URL;
	try {
		url = new URL(src);
	} catch {
		throw new TaskFailure(`download failed: invalid url "${src}"`);
	}
	if (url.protocol === 'magnet:') return await torrentRunner(t, engine);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TaskFailure(`download failed: unsupported protocol ${url.protocol}`);
	checkUrl(engine, url);
	engine.set(t, 'suspending', 'monitor');
	setDownload(t, { name: url.pathname.split('/').pop() ?? '' });
	const fetching = fetchBody(engine, t, url);
	let outcome: { body: Buffer; name: string } | Error | undefined;
	fetching.then(
		(v) => (outcome = v),
		(e: Error) => (outcome = e),
	);
	// The monitor loop: the task stays "suspending" and wakes up every step until the downloader is done.
	while (outcome === undefined) {
		await engine.tick(t);
		if (outcome === undefined) engine.set(t, 'suspending', 'monitor');
	}
	if (outcome instanceof Error) throw outcome;
	setDownload(t, { state: 'completed', downloaded: outcome.body.length, total: outcome.body.length, download_speed: 0 });
	await transfer(engine, t, owner, [{ path: outcome.name, content: outcome.body }]);
};

/** Phase "transfer": the downloaded files are stored into `dst`. */
async function transfer(engine: TaskEngine, t: TaskRecord, owner: UserRecord, files: Array<{ path: string; content: Buffer }>): Promise<void> {
	engine.set(t, 'processing', 'transfer');
	const dst = mySegments(String(t.props.dst));
	const total = files.reduce((n, f) => n + f.content.length, 0);
	let done = 0;
	let failed = 0;
	for (let i = 0; i < files.length; i++) {
		const f = files[i];
		const segs = f.path.split('/').filter(Boolean).map(sanitize);
		const written = writeFile(engine.state, owner, [...dst, ...segs], f.content, false);
		if (typeof written === 'string') failed++;
		done += f.content.length;
		engine.progress(t, 'upload_count', i + 1, files.length);
		engine.progress(t, 'upload', done, total, f.path);
		await engine.tick(t);
	}
	if (failed) t.props.failed = failed;
	if (failed && failed === files.length) throw new TaskFailure(`failed to transfer ${failed} file(s) into ${String(t.props.dst)}: Object existed`);
}

function str(v: BValue | undefined): string {
	return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}

/** The file list of a .torrent (or a magnet's `dn`, as one 1 MiB file). */
export function torrentFiles(state: State, t: TaskRecord): { name: string; hash: string; files: Array<{ path: string; size: number }> } {
	const src = String(t.props.src_str ?? '');
	if (src.startsWith('magnet:')) {
		const params = new URL(src).searchParams;
		const name = sanitize(params.get('dn') ?? 'magnet-download');
		const xt = params.get('xt') ?? '';
		return { name, hash: xt.replace(/^urn:btih:/i, '').toLowerCase(), files: [{ path: name, size: 1024 * 1024 }] };
	}
	const content = t.secret.torrent as Buffer;
	let decoded: ReturnType<typeof bdecode>;
	try {
		decoded = bdecode(content);
	} catch {
		throw new TaskFailure('failed to parse torrent file: invalid bencode');
	}
	const info = (decoded.value as Record<string, BValue>).info as Record<string, BValue> | undefined;
	if (!info || typeof info !== 'object' || Buffer.isBuffer(info) || Array.isArray(info) || !decoded.infoSlice) {
		throw new TaskFailure('failed to parse torrent file: no info dictionary');
	}
	const name = sanitize(str(info.name) || 'torrent');
	const hash = createHash('sha1').update(decoded.infoSlice).digest('hex');
	if (Array.isArray(info.files)) {
		const files = (info.files as Array<Record<string, BValue>>).map((f) => ({
			path: [name, ...((f.path as BValue[]) ?? []).map(str)].join('/'),
			size: Number(f.length) || 0,
		}));
		return { name, hash, files };
	}
	return { name, hash, files: [{ path: name, size: Number(info.length) || 0 }] };
}

/** Deterministic bytes of a simulated torrent file (tests can recompute them). */
export function torrentContent(path: string, size: number): Buffer {
	const seed = createHash('sha256').update(path).digest();
	const out = Buffer.alloc(size);
	for (let i = 0; i < size; i += seed.length) seed.copy(out, i, 0, Math.min(seed.length, size - i));
	return out;
}

export const torrentRunner: Runner = async (t, engine) => {
	const owner = ownerOf(engine.state, t.ownerId);
	const { name, hash, files } = torrentFiles(engine.state, t);
	const list: DownloadFileState[] = files.map((f, index) => ({ index, name: f.path, size: f.size, progress: 0, selected: true }));
	const total = () => list.filter((f) => f.selected).reduce((n, f) => n + f.size, 0);
	setDownload(t, { name, hash, files: list, total: total(), num_pieces: Math.max(1, Math.ceil(total() / 262144)) });
	engine.set(t, 'suspending', 'monitor');
	await engine.tick(t);
	for (;;) {
		const selected = list.filter((f) => f.selected);
		let budget = engine.torrentBytesPerStep;
		for (const f of selected) {
			const have = Math.round(f.progress * f.size);
			const take = Math.min(budget, f.size - have);
			budget -= take;
			f.progress = f.size ? (have + take) / f.size : 1;
		}
		const downloaded = selected.reduce((n, f) => n + Math.round(f.progress * f.size), 0);
		setDownload(t, { total: total(), downloaded, download_speed: Math.round(engine.torrentBytesPerStep / (engine.stepMs / 1000 || 1)) });
		engine.progress(t, 'download', downloaded, total(), name);
		if (selected.every((f) => f.progress >= 1)) break;
		engine.set(t, 'suspending', 'monitor');
		await engine.tick(t);
	}
	setDownload(t, { state: 'completed', download_speed: 0 });
	const chosen = list.filter((f) => f.selected);
	await transfer(engine, t, owner, chosen.map((f) => ({ path: f.name, content: torrentContent(f.name, f.size) })));
};
