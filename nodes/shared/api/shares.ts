// Share links (cloudreve-api.md §2.7) and a user's public shares (§2.3 List user's share links).
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';
import type { User } from './account';

/** `Share` (§2.7). Fields marked "unlocked" are present only when the caller may see the share's content. */
export interface Share extends IDataObject {
	id: string;
	name?: string;
	visited: number;
	unlocked: boolean;
	password_protected?: boolean;
	source_type?: 0 | 1;
	owner: User;
	created_at: string;
	expired: boolean;
	url: string;
	size?: number;
	/** unlocked only */
	remain_downloads?: number;
	downloaded?: number;
	expires?: string;
	password?: string;
	show_readme?: boolean;
	/** owner only */
	is_private?: boolean;
	share_view?: boolean;
	/** owner with owner_extended=true */
	source_uri?: string;
}

/** `ShareCreateService` (§2.7): the body of create and edit. */
export interface ShareCreateService extends IDataObject {
	uri: string;
	is_private?: boolean;
	password?: string;
	downloads?: number;
	expire?: number;
	share_view?: boolean;
	show_readme?: boolean;
}

export interface ListShareResponse {
	shares: Share[];
	pagination: IDataObject;
}

export type ShareOrder = 'created_at' | 'views' | 'downloads' | 'remain_downloads';

/** The parts of a share URL `<site>/s/<id>[/<password>]`. */
export function parseShareUrl(url: string): { id: string; password?: string } | undefined {
	const match = /\/s\/([^/?#]+)(?:\/([^/?#]+))?\/?(?:[?#].*)?$/.exec(url.trim());
	if (!match) return undefined;
	return { id: decodeURIComponent(match[1]), password: match[2] ? decodeURIComponent(match[2]) : undefined };
}

/** PUT /share → the share URL (password appended when private). */
export async function createShare(client: CloudreveClient, body: ShareCreateService, itemIndex?: number): Promise<string> {
	return await client.request<string>({ method: 'PUT', path: '/share', body, itemIndex });
}

/** POST /share/:id → the share URL. Only downloads, expire, share_view and show_readme change. */
export async function editShare(client: CloudreveClient, id: string, body: ShareCreateService, itemIndex?: number): Promise<string> {
	return await client.request<string>({ method: 'POST', path: `/share/${encodeURIComponent(id)}`, body, itemIndex });
}

export async function getShareInfo(
	client: CloudreveClient,
	id: string,
	options: { password?: string; countViews?: boolean; ownerExtended?: boolean },
	itemIndex?: number,
): Promise<Share> {
	const qs: IDataObject = {};
	if (options.password) qs.password = options.password;
	if (options.countViews) qs.count_views = true;
	if (options.ownerExtended) qs.owner_extended = true;
	return await client.request<Share>({ method: 'GET', path: `/share/info/${encodeURIComponent(id)}`, qs, itemIndex });
}

function orderQs(orderBy?: ShareOrder, direction?: 'asc' | 'desc'): IDataObject {
	const qs: IDataObject = {};
	// Cloudreve orders by id for any value it does not know; creation order is id order.
	if (orderBy && orderBy !== 'created_at') qs.order_by = orderBy;
	if (direction) qs.order_direction = direction;
	return qs;
}

/** GET /share, all pages as asked (page_size must be 10–100). */
export async function listMyShares(
	client: CloudreveClient,
	limit: PageLimit,
	order: { orderBy?: ShareOrder; direction?: 'asc' | 'desc' },
	itemIndex?: number,
): Promise<Share[]> {
	return await paginate<Share>(client, { method: 'GET', path: '/share', qs: orderQs(order.orderBy, order.direction), itemIndex }, 'shares', {
		...limit,
		minPageSize: 10,
	});
}

/** GET /user/shares/:id: the shares a user shows on their profile. */
export async function listUserShares(
	client: CloudreveClient,
	userId: string,
	limit: PageLimit,
	order: { orderBy?: ShareOrder; direction?: 'asc' | 'desc' },
	itemIndex?: number,
): Promise<Share[]> {
	return await paginate<Share>(
		client,
		{ method: 'GET', path: `/user/shares/${encodeURIComponent(userId)}`, qs: orderQs(order.orderBy, order.direction), itemIndex },
		'shares',
		{ ...limit, minPageSize: 10 },
	);
}

export async function deleteShare(client: CloudreveClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: `/share/${encodeURIComponent(id)}`, itemIndex });
}

/**
 * DELETE /share {ids}: foreign or unknown IDs are skipped silently. On failure the server writes two JSON
 * objects into one body (§1.3); the transport reads the first, which carries the error.
 */
export async function deleteShares(client: CloudreveClient, ids: string[], itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/share', body: { ids }, itemIndex });
}
