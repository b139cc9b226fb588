// Cloudreve pages lists in two styles (cloudreve-api.md §1.12): cursor (`next_page_token` → `next_token`)
// and, for file lists on sites that disabled cursors, offset (`page` → `total_items`). One loop serves both,
// with n8n's Return All / Limit semantics.
import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, CloudreveClient } from './client';

export interface Pagination {
	page?: number;
	page_size?: number;
	total_items?: number;
	next_token?: string;
	is_cursor?: boolean;
}

export interface PageLimit {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit?: number;
	/** Items asked for per request. */
	pageSize: number;
	/** Lower bound of page_size the endpoint accepts (shares, tasks, DAV accounts need 10–100). */
	minPageSize?: number;
}

/** Pages through an endpoint whose data has `pagination` and an array under `listKey`. */
export async function paginate<T>(
	client: CloudreveClient,
	req: ApiRequest,
	listKey: string,
	limit: PageLimit,
	onPage?: (data: IDataObject) => void,
): Promise<T[]> {
	const results: T[] = [];
	const max = limit.returnAll ? Infinity : Math.max(0, limit.limit ?? 50);
	let nextToken: string | undefined;
	let page = 0;
	while (results.length < max) {
		const wanted = Math.min(limit.pageSize, max - results.length);
		const pageSize = Math.max(limit.minPageSize ?? 1, Number.isFinite(wanted) ? wanted : limit.pageSize);
		const qs: IDataObject = { ...(req.qs ?? {}), page_size: pageSize };
		if (nextToken) qs.next_page_token = nextToken;
		else if (page > 0) qs.page = page;
		const data = await client.request<IDataObject>({ ...req, qs });
		onPage?.(data);
		const items = ((data[listKey] as T[] | undefined) ?? []).slice(0, max - results.length);
		results.push(...items);
		const pagination = (data.pagination ?? {}) as Pagination;
		if (pagination.next_token) {
			nextToken = pagination.next_token;
			continue;
		}
		if (!pagination.is_cursor && typeof pagination.total_items === 'number') {
			page = (pagination.page ?? page) + 1;
			if (page * (pagination.page_size ?? pageSize) < pagination.total_items && items.length > 0) continue;
		}
		break;
	}
	return results;
}
