// Typed calls for the file endpoints (cloudreve-api.md §2.6). They know Cloudreve, not n8n parameters.
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';
import type { FileResponse, ListResponse } from './types';

export interface ListOptions {
	orderBy?: 'name' | 'size' | 'updated_at' | 'created_at';
	orderDirection?: 'asc' | 'desc';
	itemIndex?: number;
}

/** All or up to `limit` children (or search hits, when the URI carries a search query) of a folder URI. */
export async function listFiles(
	client: CloudreveClient,
	uri: string,
	limit: PageLimit,
	options: ListOptions = {},
	onPage?: (data: ListResponse) => void,
): Promise<FileResponse[]> {
	const qs: IDataObject = { uri };
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDirection) qs.order_direction = options.orderDirection;
	return await paginate<FileResponse>(
		client,
		{ method: 'GET', path: '/file', qs, itemIndex: options.itemIndex },
		'files',
		limit,
		onPage as ((data: IDataObject) => void) | undefined,
	);
}

/** One page of a listing, for editor browsing and the trigger. */
export async function listPage(
	client: CloudreveClient,
	uri: string,
	pageSize: number,
	nextPageToken?: string,
	options: ListOptions = {},
): Promise<ListResponse> {
	const qs: IDataObject = { uri, page_size: pageSize };
	if (nextPageToken) qs.next_page_token = nextPageToken;
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDirection) qs.order_direction = options.orderDirection;
	return await client.request<ListResponse>({ method: 'GET', path: '/file', qs, itemIndex: options.itemIndex });
}

export interface InfoOptions {
	extended?: boolean;
	folderSummary?: boolean;
	itemIndex?: number;
}

export async function getFileInfo(
	client: CloudreveClient,
	target: { uri?: string; id?: string },
	options: InfoOptions = {},
): Promise<FileResponse> {
	const qs: IDataObject = {};
	if (target.id) qs.id = target.id;
	else qs.uri = target.uri;
	if (options.extended) qs.extended = true;
	if (options.folderSummary) qs.folder_summary = true;
	return await client.request<FileResponse>({ method: 'GET', path: '/file/info', qs, itemIndex: options.itemIndex });
}

export interface CreateOptions {
	errOnConflict?: boolean;
	metadata?: Record<string, string>;
	itemIndex?: number;
}

/** POST /file/create: missing parents are created (mkdir -p). Not idempotent-retried. */
export async function createFile(
	client: CloudreveClient,
	uri: string,
	type: 'file' | 'folder',
	options: CreateOptions = {},
): Promise<FileResponse> {
	const body: IDataObject = { uri, type };
	if (options.errOnConflict) body.err_on_conflict = true;
	if (options.metadata && Object.keys(options.metadata).length) body.metadata = options.metadata;
	return await client.request<FileResponse>({ method: 'POST', path: '/file/create', body, itemIndex: options.itemIndex });
}
