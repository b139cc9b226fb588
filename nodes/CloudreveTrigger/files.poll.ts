// New File and File Updated: one recursive search per poll, bounded by the cursor's watermark
// (`created_gte` / `updated_gte`, cloudreve-api.md §1.13), plus one file-info call per upload still in progress.
import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFileInfo, listPage } from '../shared/api/files';
import { createDownloadUrl, downloadUrlToBinary } from '../shared/transfer/download';
import { toNodeError } from '../shared/errors';
import type { FileResponse } from '../shared/api/types';
import { fileOutput } from '../shared/output';
import type { CloudreveClient } from '../shared/transport/client';
import { uriPath, withSearchQuery } from '../shared/uri';

import {
	advanceFiles,
	DEFAULT_CONFIG,
	fileQuery,
	initialFileState,
	isFileState,
	type FileObservation,
	type FileQuery,
} from './cursor';
import { fileMatches, isUploading, searchParams, type FileWatch } from './filters';

const PAGE_SIZE = 500;
const MAX_PAGES = 40;
/** Codes that mean a tracked upload's file is gone (§5): path missing, not found, no longer yours. */
const GONE_CODES = new Set([40016, 404, 40082]);

export interface FilePollContext {
	client: CloudreveClient;
	node: INode;
	watch: FileWatch;
	scope: string;
	/** Static data of the node (the cursor lives under `cursor`). */
	staticData: IDataObject;
	emitExisting: boolean;
	simplify: boolean;
	/** Attach each file's content as binary data under this field (files only). */
	downloadTo?: string;
	/** The poll context, for n8n's binary store. */
	poll: IPollFunctions;
	/** Local time (ms) after which the poll stops reading and returns what it has. */
	deadline: number;
	now: number;
}

interface Listing {
	files: FileResponse[];
	complete: boolean;
}

async function listWindow(ctx: FilePollContext, bounds: FileQuery & { narrowest?: boolean }, maxPages = MAX_PAGES): Promise<Listing> {
	const field = ctx.watch.event === 'newFile' ? 'created' : 'updated';
	const params = searchParams(ctx.watch);
	params.push([`${field}_gte`, String(bounds.gte)]);
	if (bounds.lte !== undefined) params.push([`${field}_lte`, String(bounds.lte)]);
	const uri = withSearchQuery(ctx.watch.folderUri, params);
	const files: FileResponse[] = [];
	// A one-second slice cannot be narrowed further: read it whole whatever the budget, so the drain goes on.
	const narrowest = bounds.narrowest === true;
	let token: string | undefined;
	for (let page = 0; ; page++) {
		if (page >= maxPages || (page > 0 && !narrowest && Date.now() > ctx.deadline)) return { files, complete: false };
		const data = await listPage(ctx.client, uri, PAGE_SIZE, token);
		files.push(...(data.files ?? []));
		token = data.pagination?.next_token;
		if (!token) return { files, complete: true };
	}
}

function eventTime(file: FileResponse, watch: FileWatch): number {
	return Date.parse(watch.event === 'newFile' ? file.created_at : file.updated_at);
}

function observe(file: FileResponse, watch: FileWatch): FileObservation {
	const uploading = isUploading(file);
	return {
		id: file.id,
		key: watch.event === 'newFile' ? file.id : `${file.id}@${file.updated_at}`,
		ts: eventTime(file, watch),
		// A new version in progress is not an update yet: its completion moves updated_at (§3.4).
		placeholder: watch.event === 'newFile' && uploading,
		matches: !uploading && fileMatches(file, watch),
	};
}

function isInside(file: FileResponse, folderUri: string): boolean {
	const base = folderUri.replace(/\/+$/, '');
	return file.path.startsWith(`${base}/`);
}

/** Fresh state of each tracked upload, as far as the poll budget allows. */
async function checkPending(
	ctx: FilePollContext,
	ids: string[],
	files: Map<string, FileResponse>,
): Promise<Record<string, FileObservation | null>> {
	const checks: Record<string, FileObservation | null> = {};
	for (const id of ids) {
		if (Date.now() > ctx.deadline) break;
		try {
			const file = await getFileInfo(ctx.client, { id });
			checks[id] = isInside(file, ctx.watch.folderUri) ? observe(file, ctx.watch) : null;
			if (checks[id] && !files.has(id)) files.set(id, file);
		} catch (error) {
			if (GONE_CODES.has((error as { cloudreveCode?: number }).cloudreveCode ?? -1)) checks[id] = null;
			else throw toNodeError(ctx.node, error);
		}
	}
	return checks;
}

export async function pollFiles(ctx: FilePollContext): Promise<INodeExecutionData[][] | null> {
	const stored = ctx.staticData.cursor;
	const state = isFileState(stored, ctx.scope)
		? stored
		: initialFileState(ctx.scope, ctx.now, ctx.emitExisting && stored === undefined, DEFAULT_CONFIG);
	const listing = await listWindow(ctx, { ...fileQuery(state, DEFAULT_CONFIG), narrowest: state.tight === true });
	const byId = new Map(listing.files.map((f) => [f.id, f]));
	const pendingIds = state.pending.map(([id]) => id);
	const pendingChecks = listing.complete ? await checkPending(ctx, pendingIds, byId) : {};
	const step = advanceFiles(
		state,
		{ items: listing.files.map((f) => observe(f, ctx.watch)), complete: listing.complete, pendingChecks },
		ctx.now,
		DEFAULT_CONFIG,
	);
	const items: INodeExecutionData[] = [];
	for (const e of step.emitted) items.push(await toItem(ctx, byId.get(e.id)!));
	// The cursor moves only once the items exist, so a failure above repeats this poll instead of losing items.
	ctx.staticData.cursor = step.state as unknown as IDataObject;
	return items.length ? [items] : null;
}

async function toItem(ctx: FilePollContext, file: FileResponse): Promise<INodeExecutionData> {
	const item: INodeExecutionData = { json: fileOutput(file, ctx.simplify) };
	if (!ctx.downloadTo || file.type !== 0) return item;
	try {
		const { urls } = await createDownloadUrl(ctx.client, { uris: [file.path], download: true }, 0);
		// The download helper only uses the context's binary store, which poll contexts have as well.
		const binary = await downloadUrlToBinary(ctx.poll, ctx.client, urls[0].url, file.name, 0);
		item.binary = { [ctx.downloadTo]: binary };
	} catch (error) {
		// The event happened; a file deleted or locked since must not hold back (or repeat) every other event.
		item.json = { ...item.json, downloadError: (error as Error).message };
	}
	return item;
}

/** "Fetch Test Event": the newest matching files, without reading or writing the cursor. */
export async function sampleFiles(ctx: FilePollContext): Promise<INodeExecutionData[][]> {
	for (const days of [1, 30, 0]) {
		const gte = days ? Math.floor((ctx.now - days * 86_400_000) / 1000) : 0;
		const listing = await listWindow(ctx, { gte }, 4);
		const matching = listing.files.filter((f) => observe(f, ctx.watch).matches);
		if (matching.length) {
			matching.sort((a, b) => eventTime(b, ctx.watch) - eventTime(a, ctx.watch));
			const items: INodeExecutionData[] = [];
			for (const f of matching.slice(0, 5)) items.push(await toItem(ctx, f));
			return [items];
		}
	}
	const what = ctx.watch.event === 'newFile' ? 'file' : 'updated file';
	throw new NodeOperationError(ctx.node, `No ${what} in ${uriPath(ctx.watch.folderUri)} matches the trigger's settings`, {
		description:
			ctx.watch.event === 'newFile'
				? 'Fetch Test Event shows the newest matching files. Upload a matching file to the folder (or loosen the filters, or turn on Include Subfolders), then fetch again.'
				: 'Fetch Test Event shows the newest files that changed after they were created. Upload a new version of a file in the folder, then fetch again.',
	});
}
