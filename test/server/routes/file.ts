import { randomUUID } from 'node:crypto';
import { rfc3339 } from '../clock';
import type { Ctx } from '../context';
import { AppError, bindingErr, Code, notSupported, paramErr } from '../errors';
import { assertOwner, assertValidName, locate, locateExisting, type Located } from '../fsnav';
import { decodeId, encodeId, IdType } from '../hashid';
import { validateMetadataMap } from '../metadata';
import type { Router } from '../router';
import { buildSearchFilter } from '../search';
import { CAPABILITY, displayName, entityJson, fileJson, type FileJsonOptions, policyJson, zeroFileJson } from '../serialize';
import type { State } from '../state';
import type { FileRecord, UserRecord } from '../types';
import { isSearch } from '../uri';
import { bind } from '../validate';

// §2.6 File: list, info, create. Mutations live in routes/file-ops.ts, uploads in routes/upload.ts.

const ORDER_BY = ['name', 'size', 'updated_at', 'created_at'];
const ORDER_DIRECTION = ['asc', 'desc'];

interface Cursor {
	t: number;
	k: string | number;
	id: string;
}

function sortKey(f: FileRecord, orderBy: string, state: State): string | number {
	switch (orderBy) {
		case 'name':
			return displayName(state, f);
		case 'size':
			return f.size;
		case 'updated_at':
			return f.updatedAt;
		default:
			return f.id;
	}
}

function compareTuple(a: [number, string | number, number], b: [number, string | number, number], desc: boolean): number {
	// Folders always come first, independent of the direction (§1.12).
	if (a[0] !== b[0]) return b[0] - a[0];
	let c = 0;
	if (a[1] !== b[1]) c = a[1] < b[1] ? -1 : 1;
	else if (a[2] !== b[2]) c = a[2] < b[2] ? -1 : 1;
	return desc ? -c : c;
}

function encodeCursor(c: Cursor): string {
	return Buffer.from(JSON.stringify(c), 'utf8').toString('base64');
}

function decodeCursor(token: string): Cursor {
	try {
		const c = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
		if (typeof c.t === 'number' && (typeof c.k === 'string' || typeof c.k === 'number') && typeof c.id === 'string' && decodeId(c.id, IdType.File) !== undefined) return c;
	} catch {
		/* fall through */
	}
	throw paramErr('Invalid page token');
}

/** A listing source; share navigation can build one with its own path mapping. */
export interface ListSource {
	items: FileRecord[];
	parent: Record<string, unknown>;
	capability: string;
	searching: boolean;
	fs: string;
	fileOptions?: (f: FileRecord) => FileJsonOptions;
	storagePolicy?: Record<string, unknown>;
	view?: unknown;
	recursionLimitReached?: boolean;
}

/** Sorting, cursor/offset pagination and the ListResponse shape (§2.6, §1.12). */
export function listResponse(ctx: Ctx, src: ListSource): Record<string, unknown> {
	const { state } = ctx;
	const settings = state.settings;
	let orderBy = ctx.q('order_by') ?? '';
	if (!ORDER_BY.includes(orderBy)) orderBy = 'id';
	const desc = ctx.q('order_direction') === 'desc';
	const viewPageSize = (src.view as { page_size?: number } | undefined)?.page_size;
	let pageSize = ctx.qInt('page_size') ?? 0;
	const pageParam = ctx.qInt('page') ?? 0;
	if (pageParam < 0) throw bindingErr('Page too short');
	if (pageSize <= 0) pageSize = viewPageSize || 100;
	pageSize = Math.min(pageSize, settings.maxPageSize);
	const tuple = (f: FileRecord): [number, string | number, number] => [f.type, sortKey(f, orderBy, state), f.id];
	const sorted = [...src.items].sort((a, b) => compareTuple(tuple(a), tuple(b), desc));
	const cursorMode = src.searching || settings.useCursorPagination;
	let page: FileRecord[];
	const pagination: Record<string, unknown> = { page: 0, page_size: pageSize };
	if (cursorMode) {
		let rest = sorted;
		const token = ctx.q('next_page_token');
		if (token) {
			const c = decodeCursor(token);
			const at: [number, string | number, number] = [c.t, c.k, decodeId(c.id, IdType.File)!];
			rest = sorted.filter((f) => compareTuple(tuple(f), at, desc) > 0);
		}
		page = rest.slice(0, pageSize);
		if (rest.length > pageSize) {
			const last = page[page.length - 1];
			pagination.next_token = encodeCursor({ t: last.type, k: sortKey(last, orderBy, state), id: encodeId(last.id, IdType.File) });
		}
		pagination.is_cursor = true;
	} else {
		const p = pageParam;
		page = sorted.slice(p * pageSize, (p + 1) * pageSize);
		pagination.page = p;
		pagination.total_items = sorted.length;
	}
	const out: Record<string, unknown> = {
		files: page.map((f) => fileJson(state, f, ctx.user, src.fileOptions?.(f))),
		parent: src.parent,
		pagination,
		props: {
			capability: src.capability,
			max_page_size: settings.maxPageSize,
			order_by_options: src.searching ? (src.fs === 'trash' || src.fs === 'shared_with_me' ? ['created_at'] : null) : ORDER_BY,
			order_direction_options: src.searching ? (src.fs === 'trash' || src.fs === 'shared_with_me' ? ORDER_DIRECTION : null) : ORDER_DIRECTION,
		},
		context_hint: randomUUID(),
		mixed_type: false,
	};
	if (src.recursionLimitReached) out.recursion_limit_reached = true;
	if (src.storagePolicy) out.storage_policy = src.storagePolicy;
	if (src.view) out.view = src.view;
	return out;
}

/** Recursive search below a folder, bounded by max_recursive_searched_folder. */
function searchBelow(state: State, folderId: number, filter: (f: FileRecord) => boolean): { items: FileRecord[]; limited: boolean } {
	const items: FileRecord[] = [];
	const stack = [folderId];
	let visited = 0;
	while (stack.length) {
		if (visited >= state.settings.maxRecursiveSearchedFolder) return { items, limited: true };
		visited++;
		for (const c of state.children(stack.pop()!)) {
			if (filter(c)) items.push(c);
			if (c.type === 1 && !c.metadata['sys:shared_redirect']) stack.push(c.id);
		}
	}
	return { items, limited: false };
}

function listMine(ctx: Ctx, loc: Located): Record<string, unknown> {
	const { state } = ctx;
	const user = ctx.user!;
	if (loc.uri.fs === 'trash') {
		const searching = isSearch(loc.uri);
		const items = searching
			? searchBelow(state, loc.root.id, buildSearchFilter(state, loc.uri.search)).items
			: state.children(loc.root.id);
		return listResponse(ctx, { items, parent: zeroFileJson(), capability: CAPABILITY.trash, searching, fs: 'trash', view: user.views.trash });
	}
	if (loc.uri.fs === 'shared_with_me') {
		const items = state.descendants(user.myRootId).filter((f) => f.type === 1 && f.metadata['sys:shared_redirect']);
		return listResponse(ctx, {
			items,
			parent: { ...fileJson(state, loc.root, user), path: 'cloudreve://shared_with_me', capability: CAPABILITY.shared_with_me },
			capability: CAPABILITY.shared_with_me,
			searching: false,
			fs: 'shared_with_me',
			view: user.views.shared_with_me,
		});
	}
	const folder = loc.file;
	if (!folder) throw new AppError(Code.ParentNotExist, 'Path not exist');
	if (folder.type !== 1) throw new AppError(Code.ParentNotExist, 'Path not exist');
	if (folder.metadata['sys:shared_redirect']) throw new AppError(Code.NoPermission, 'Symbolic folder cannot be walked into');
	const searching = isSearch(loc.uri);
	let items: FileRecord[];
	let limited = false;
	if (searching) {
		({ items, limited } = searchBelow(state, folder.id, buildSearchFilter(state, loc.uri.search)));
	} else {
		items = state.children(folder.id);
	}
	return listResponse(ctx, {
		items,
		parent: fileJson(state, folder, user),
		capability: CAPABILITY.my,
		searching,
		fs: 'my',
		storagePolicy: policyJson(state.policyOf(loc.owner)),
		view: folder.view,
		recursionLimitReached: limited,
	});
}

/** Listing of `share` URIs, registered by the share route group (uses `listResponse`). */
export const listers: Partial<Record<'share', (ctx: Ctx, loc: Located) => Record<string, unknown>>> = {};

/** Hooks for other route groups to fill `extended_info` (shares, direct links). */
export const extendedInfoHooks: Array<(ctx: Ctx, f: FileRecord, info: Record<string, unknown>) => void> = [];

function folderSummary(state: State, f: FileRecord): Record<string, unknown> {
	let size = 0;
	let files = 0;
	let folders = 0;
	for (const d of state.descendants(f.id)) {
		if (d.type === 1) folders++;
		else {
			files++;
			size += d.size;
		}
	}
	return { size, files, folders, completed: true, calculated_at: rfc3339(Date.now() * 1000) };
}

function fileInfo(ctx: Ctx): Record<string, unknown> {
	const { state } = ctx;
	let file: FileRecord;
	const id = ctx.q('id');
	const uriParam = ctx.q('uri');
	if (!uriParam && id) {
		const num = decodeId(id, IdType.File);
		if (num === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
		const found = state.files.get(num);
		if (!found || found.parentId === null) throw new AppError(Code.ParentNotExist, 'Path not exist');
		if (!ctx.user) throw new AppError(Code.CheckLogin, 'Login required');
		assertOwner(ctx, found);
		file = found;
	} else {
		const loc = locateExisting(ctx, uriParam);
		file = loc.file;
		if (file.parentId === null) throw notSupported();
	}
	const out = fileJson(state, file, ctx.user);
	if (ctx.qBool('extended')) {
		const owner = state.users.get(file.ownerId)!;
		const entities = file.entityIds.map((e) => state.entities.get(e)).filter((e) => e !== undefined);
		const info: Record<string, unknown> = {
			storage_policy: policyJson(state.policyOf(owner)),
			storage_used: entities.reduce((a, e) => a + e.size, 0),
			entities: entities.map((e) => entityJson(state, e, ctx.user)),
		};
		if (ctx.user?.id === file.ownerId && file.view) info.view = file.view;
		for (const hook of extendedInfoHooks) hook(ctx, file, info);
		out.extended_info = info;
	}
	if (ctx.qBool('folder_summary') && file.type === 1 && ctx.user?.id === file.ownerId) {
		out.folder_summary = folderSummary(state, file);
	}
	return out;
}

/** Creates a file or folder (mkdir -p for parents), honouring locks (§2.6 Create file). */
export function createItem(
	state: State,
	user: UserRecord,
	segments: string[],
	type: 0 | 1,
	opts: { metadata?: Record<string, string>; errOnConflict?: boolean; heldTokens?: string[] } = {},
): FileRecord {
	if (!segments.length) {
		if (type === 1 && !opts.errOnConflict) return state.files.get(user.myRootId)!;
		throw new AppError(Code.ObjectExist, 'Object existed');
	}
	for (const seg of segments) assertValidName(seg);
	const existing = state.resolve(user.myRootId, segments);
	if (existing) {
		if (existing.type === type && !opts.errOnConflict) return existing;
		throw new AppError(Code.ObjectExist, 'Object existed');
	}
	state.locks.check(user.id, [{ ownerId: user.id, path: '/' + segments.join('/'), fileType: type, depth: 0 }], opts.heldTokens);
	let parent = state.files.get(user.myRootId)!;
	for (const seg of segments.slice(0, -1)) {
		const next = state.child(parent.id, seg);
		if (next && next.type !== 1) throw new AppError(Code.ObjectExist, 'Object existed');
		parent = next ?? state.insertFile({ ownerId: user.id, type: 1, name: seg, parentId: parent.id });
	}
	return state.insertFile({ ownerId: user.id, type, name: segments[segments.length - 1], parentId: parent.id, metadata: opts.metadata });
}

async function create(ctx: Ctx) {
	const body = bind<{ uri: string; type: string; metadata?: Record<string, unknown>; err_on_conflict?: boolean }>(await ctx.json(), {
		uri: { type: 'string', required: true },
		type: { type: 'string', required: true, oneof: ['file', 'folder'] },
		metadata: { type: 'object' },
		err_on_conflict: { type: 'bool' },
	});
	const loc = locate(ctx, body.uri);
	if (loc.uri.fs !== 'my') throw notSupported();
	const metadata = body.metadata ? validateMetadataMap(body.metadata) : undefined;
	const created = createItem(ctx.state, loc.owner, loc.uri.segments, body.type === 'folder' ? 1 : 0, {
		metadata,
		errOnConflict: body.err_on_conflict === true,
	});
	return fileJson(ctx.state, created, ctx.user);
}

function list(ctx: Ctx) {
	const uri = ctx.q('uri');
	if (!uri) throw bindingErr('Uri cannot be empty');
	// Query binding runs before the service: malformed numbers fail first.
	ctx.qInt('page_size');
	if ((ctx.qInt('page') ?? 0) < 0) throw bindingErr('Page too short');
	const loc = locate(ctx, uri);
	if (loc.uri.fs === 'share') {
		const lister = listers.share;
		if (!lister) throw new AppError(Code.NotFound, 'Shared file does not exist');
		return lister(ctx, loc);
	}
	return listMine(ctx, loc);
}

export function registerFileRoutes(r: Router): void {
	r.route('GET', '/file', list);
	r.route('GET', '/file/info', fileInfo);
	r.route('POST', '/file/create', create);
}
