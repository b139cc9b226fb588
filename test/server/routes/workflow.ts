import { requireAdmin, requireLogin } from '../auth';
import type { Ctx } from '../context';
import { AppError, bindingErr, Code, notSupported, paramErr } from '../errors';
import { assertValidName, locate, locateExisting } from '../fsnav';
import { decodeId, encodeId, IdType } from '../hashid';
import type { Router } from '../router';
import type { UserRecord } from '../types';
import { formatUri } from '../uri';
import { bind, validationMessage } from '../validate';
import { createArchiveRunner, extractRunner } from '../tasks/archive';
import { torrentRunner, urlDownloadRunner } from '../tasks/download';
import { taskEngine, type TaskEngine } from '../tasks/engine';
import { importRunner, relocateRunner } from '../tasks/importer';
import { taskJson } from '../tasks/serialize';
import type { TaskRecord } from '../tasks/types';

// §2.5 Workflow: async tasks. The work itself runs in test/server/tasks (engine + runners).

const GENERAL_TYPES = ['create_archive', 'extract_archive', 'relocate', 'import'];
const RUNNING = ['queued', 'processing', 'suspending'];

function groupAllows(ctx: Ctx, user: UserRecord, option: 'archive_task' | 'remote_download'): boolean {
	return ctx.state.group(user).options[option] === true;
}

function taskParam(ctx: Ctx): number {
	const id = decodeId(ctx.params.id ?? '', IdType.Task);
	if (id === undefined) throw paramErr('Failed to parse object id');
	return id;
}

/** The caller's own task of the given type, else 404 "Task not found". */
function ownTask(ctx: Ctx, engine: TaskEngine, user: UserRecord, type: string): TaskRecord {
	const t = engine.tasks.get(taskParam(ctx));
	if (!t || t.ownerId !== user.id || t.type !== type) throw new AppError(Code.NotFound, 'Task not found');
	return t;
}

/** A URI in the caller's own `my` filesystem (tasks cannot write elsewhere). */
function myUri(ctx: Ctx, raw: string, invalid: string): { segments: string[]; exists: boolean; isFolder: boolean } {
	let loc;
	try {
		loc = locate(ctx, raw);
	} catch (err) {
		if (err instanceof AppError && err.code === Code.ParamErr) throw paramErr(invalid);
		throw err;
	}
	if (loc.uri.fs !== 'my') throw notSupported();
	return { segments: loc.segments, exists: !!loc.file, isFolder: loc.file?.type === 1 };
}

function canonical(segments: string[]): string {
	return formatUri('my', segments);
}

async function listTasks(ctx: Ctx) {
	const user = requireLogin(ctx);
	const rawSize = ctx.q('page_size');
	if (rawSize === undefined || rawSize === '' || rawSize === '0') throw bindingErr(validationMessage('PageSize', 'required'));
	const pageSize = Number(rawSize);
	if (!Number.isInteger(pageSize)) throw bindingErr('Parameter error');
	if (pageSize < 10) throw bindingErr(validationMessage('PageSize', 'min'));
	if (pageSize > 100) throw bindingErr(validationMessage('PageSize', 'max'));
	const category = ctx.q('category');
	if (!category) throw bindingErr(validationMessage('Category', 'required'));
	if (!['general', 'downloading', 'downloaded'].includes(category)) throw bindingErr('Parameter error');
	const engine = taskEngine(ctx.state);
	const mine = [...engine.tasks.values()]
		.filter((t) => t.ownerId === user.id)
		.filter((t) =>
			category === 'general'
				? GENERAL_TYPES.includes(t.type)
				: t.type === 'remote_download' && (category === 'downloading') === RUNNING.includes(t.status),
		)
		.sort((a, b) => b.id - a.id);
	// `downloading` ignores the page size and returns everything (§2.5).
	if (category === 'downloading') return { tasks: mine.map(taskJson), pagination: { page: 0, page_size: pageSize, is_cursor: true } };
	let rest = mine;
	const token = ctx.q('next_page_token');
	if (token) {
		let cursor: number | undefined;
		try {
			const c = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { id?: string };
			cursor = typeof c.id === 'string' ? decodeId(c.id, IdType.Task) : undefined;
		} catch {
			cursor = undefined;
		}
		if (cursor === undefined) throw paramErr('Invalid page token');
		rest = mine.filter((t) => t.id < cursor!);
	}
	const page = rest.slice(0, pageSize);
	const pagination: Record<string, unknown> = { page: 0, page_size: pageSize };
	if (rest.length > pageSize) {
		pagination.next_token = Buffer.from(JSON.stringify({ id: encodeId(page[page.length - 1].id, IdType.Task) }), 'utf8').toString('base64');
	}
	pagination.is_cursor = true;
	return { tasks: page.map(taskJson), pagination };
}

function progress(ctx: Ctx) {
	const user = requireLogin(ctx);
	const t = taskEngine(ctx.state).tasks.get(taskParam(ctx));
	if (!t || (t.ownerId !== user.id && !ctx.state.isAdmin(user))) return {};
	if (t.status !== 'processing' && t.status !== 'suspending') return {};
	return Object.fromEntries(Object.entries(t.progress).map(([k, v]) => [k, { ...v }]));
}

async function createDownload(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ src?: string[]; src_file?: string; dst: string }>(await ctx.json(), {
		src: { type: 'array', items: 'string' },
		src_file: { type: 'string' },
		dst: { type: 'string', required: true },
	});
	if (!groupAllows(ctx, user, 'remote_download')) throw new AppError(Code.GroupNotAllowed, 'Group not allowed to download files');
	const urls = (body.src ?? []).map((s) => s.trim()).filter(Boolean);
	if (!body.src_file && urls.length === 0) throw paramErr('No source files');
	if (body.src_file && urls.length > 0) throw paramErr('Invalid source files');
	const batch = Number(ctx.state.group(user).options.aria2_batch ?? 1);
	if (urls.length > batch) throw new AppError(40015, 'Exceed aria2 batch size');
	const dst = myUri(ctx, body.dst, 'Invalid destination');
	if (dst.exists && !dst.isFolder) throw paramErr('Invalid destination');
	const engine = taskEngine(ctx.state);
	const props = (src: string) => ({ src_str: src, dst: canonical(dst.segments) });
	if (body.src_file) {
		const loc = locateExisting(ctx, body.src_file);
		if (loc.file.type !== 0) throw paramErr('Invalid source files');
		const torrent = ctx.state.readContent(loc.file);
		const uri = formatUri('my', ctx.state.pathOf(loc.file).split('/').filter(Boolean));
		const t = engine.create(user.id, 'remote_download', { phase: '', props: { ...props(''), src: uri }, secret: { torrent } }, torrentRunner);
		return [taskJson(t)];
	}
	const created: Array<Record<string, unknown>> = [];
	const aggregated: Record<string, { code: number; msg: string }> = {};
	for (const url of urls) {
		if (engine.refusedUrls.has(url)) aggregated[url] = { code: 40048, msg: 'Failed to create task' };
		else created.push(taskJson(engine.create(user.id, 'remote_download', { phase: '', props: props(url) }, urlDownloadRunner)));
	}
	// Per-URL queueing failures: 40081 with aggregated_error, while data still lists the created tasks (§2.5).
	if (Object.keys(aggregated).length) throw new AppError(Code.BatchNotFullyCompleted, 'Failed to create some of the tasks', { data: created, aggregated });
	return created;
}

async function selectFiles(ctx: Ctx) {
	const user = requireLogin(ctx);
	const engine = taskEngine(ctx.state);
	const t = ownTask(ctx, engine, user, 'remote_download');
	const body = bind<{ files: Array<{ index?: unknown; download?: unknown }> }>(await ctx.json(), {
		files: { type: 'array', items: 'object', required: true },
	});
	if (t.status !== 'processing' && t.status !== 'suspending') throw new AppError(Code.NotFound, 'Task not in processing state');
	if (t.phase !== 'monitor') throw new AppError(Code.NotFound, 'Task not in monitoring loop');
	for (const f of body.files) {
		if (typeof f.index !== 'number' || (f.download !== undefined && typeof f.download !== 'boolean')) throw bindingErr('JSON marshall error');
		const file = t.download?.files?.find((x) => x.index === f.index);
		if (file) file.selected = f.download === true;
	}
	if (t.download?.files) t.download.total = t.download.files.filter((f) => f.selected).reduce((n, f) => n + f.size, 0);
	return undefined;
}

function cancelDownload(ctx: Ctx) {
	const user = requireLogin(ctx);
	const engine = taskEngine(ctx.state);
	const t = ownTask(ctx, engine, user, 'remote_download');
	// Only tasks still in the in-memory registry (not finished) can be canceled (§2.5).
	if (engine.isFinal(t)) throw new AppError(Code.NotFound, 'Task not found');
	engine.cancel(t);
	return undefined;
}

const ARCHIVE_SCHEMA = {
	src: { type: 'array', items: 'string', required: true },
	dst: { type: 'string', required: true },
	encoding: { type: 'string' },
	password: { type: 'string' },
	file_mask: { type: 'array', items: 'string' },
} as const;

async function createArchive(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ src: string[]; dst: string }>(await ctx.json(), { ...ARCHIVE_SCHEMA });
	if (!groupAllows(ctx, user, 'archive_task')) throw new AppError(Code.GroupNotAllowed, 'Group not allowed to compress files');
	const src = body.src.map((s) => canonical(myUri(ctx, s, 'Invalid source files').segments));
	const dst = myUri(ctx, body.dst, 'Invalid destination');
	if (dst.segments.length === 0) throw paramErr('Invalid destination');
	assertValidName(dst.segments[dst.segments.length - 1]);
	// The destination is pre-validated as an upload target: it must not exist yet.
	if (dst.exists) throw new AppError(Code.ObjectExist, 'Object existed');
	const t = taskEngine(ctx.state).create(user.id, 'create_archive', { phase: 'not_started', props: { src_multiple: src, dst: canonical(dst.segments) } }, createArchiveRunner);
	return taskJson(t);
}

async function extractArchive(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ src: string[]; dst: string; encoding?: string; password?: string; file_mask?: string[] }>(await ctx.json(), { ...ARCHIVE_SCHEMA });
	if (!groupAllows(ctx, user, 'archive_task')) throw new AppError(Code.GroupNotAllowed, 'Group not allowed to decompress files');
	if (!body.src.length) throw paramErr('No source files');
	const src = locateExisting(ctx, body.src[0]);
	const dst = myUri(ctx, body.dst, 'Invalid destination');
	if (!dst.exists) throw new AppError(Code.ParentNotExist, 'Path not exist');
	if (!dst.isFolder) throw paramErr('Invalid destination');
	const t = taskEngine(ctx.state).create(
		user.id,
		'extract_archive',
		{
			phase: '',
			props: { src: formatUri('my', ctx.state.pathOf(src.file).split('/').filter(Boolean)), dst: canonical(dst.segments) },
			secret: { password: body.password, fileMask: body.file_mask ?? [], encoding: body.encoding },
		},
		extractRunner,
	);
	return taskJson(t);
}

async function relocate(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ src: string[]; dst_policy_id: string }>(await ctx.json(), {
		src: { type: 'array', items: 'string', required: true },
		dst_policy_id: { type: 'string', required: true },
	});
	const policyId = decodeId(body.dst_policy_id, IdType.Policy);
	if (policyId === undefined) throw paramErr('Failed to parse object id');
	if (!ctx.state.policies.has(policyId)) throw new AppError(40035, 'Storage policy not exist');
	const src = body.src.map((s) => canonical(myUri(ctx, s, 'Invalid source files').segments));
	const t = taskEngine(ctx.state).create(user.id, 'relocate', { props: { src_multiple: src, dst_policy_id: body.dst_policy_id }, secret: { policyId } }, relocateRunner);
	return taskJson(t);
}

async function importFiles(ctx: Ctx) {
	const admin = requireAdmin(ctx);
	const body = bind<{ src: string; dst: string; user_id: string; policy_id: number; recursive?: boolean; extract_media_meta?: boolean }>(await ctx.json(), {
		src: { type: 'string', required: true },
		dst: { type: 'string', required: true },
		user_id: { type: 'string', required: true, go: 'UserID' },
		policy_id: { type: 'int', required: true, go: 'PolicyID' },
		recursive: { type: 'bool' },
		extract_media_meta: { type: 'bool' },
	});
	const userId = decodeId(body.user_id, IdType.User);
	const target = userId === undefined ? undefined : ctx.state.users.get(userId);
	if (!target) throw paramErr('Invalid user ID');
	if (!ctx.state.policies.has(body.policy_id)) throw new AppError(40035, 'Storage policy not exist');
	const dstSegments = body.dst.split('/').filter((s) => s && s !== '.' && s !== '..');
	const t = taskEngine(ctx.state).create(
		admin.id,
		'import',
		{
			props: { dst: formatUri('my', dstSegments, { id: body.user_id }), src_str: body.src, dst_policy_id: body.policy_id },
			secret: { userId: target.id, dstPath: dstSegments.join('/'), recursive: body.recursive === true, extractMediaMeta: body.extract_media_meta === true },
		},
		importRunner,
	);
	return taskJson(t);
}

export function registerWorkflowRoutes(r: Router): void {
	r.route('GET', '/workflow', listTasks);
	r.route('GET', '/workflow/progress/:id', progress);
	r.route('POST', '/workflow/download', createDownload);
	r.route('PATCH', '/workflow/download/:id', selectFiles);
	r.route('DELETE', '/workflow/download/:id', cancelDownload);
	r.route('POST', '/workflow/archive', createArchive);
	r.route('POST', '/workflow/extract', extractArchive);
	r.route('POST', '/workflow/relocate', relocate, { pro: true });
	r.route('POST', '/workflow/import', importFiles);
}
