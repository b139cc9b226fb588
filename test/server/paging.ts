import type { Ctx } from './context';
import { bindingErr, paramErr } from './errors';

// Cursor pagination of the non-file lists (shares, DAV accounts, Pro lists): `page_size` required within
// 10–100 (§1.12), `next_page_token` → `pagination.next_token`.

export function requirePageSize(ctx: Ctx, min = 10, max = 100): number {
	const raw = ctx.q('page_size');
	if (raw === undefined || raw === '' || raw === '0') throw bindingErr('PageSize cannot be empty');
	const n = Number(raw);
	if (!Number.isInteger(n)) throw bindingErr('Parameter error');
	if (n < min) throw bindingErr('PageSize too short');
	if (n > max) throw bindingErr('PageSize too long');
	return n;
}

/** Pages an already sorted list; the token is the index of the next item, opaque to clients. */
export function cursorPage<T>(ctx: Ctx, sorted: T[], pageSize: number): { items: T[]; pagination: Record<string, unknown> } {
	const token = ctx.q('next_page_token');
	let start = 0;
	if (token) {
		const decoded = Number(Buffer.from(token, 'base64').toString('utf8').replace(/^o:/, ''));
		if (!Number.isInteger(decoded) || decoded < 0) throw paramErr('Invalid page token');
		start = decoded;
	}
	const items = sorted.slice(start, start + pageSize);
	const pagination: Record<string, unknown> = { page: 0, page_size: pageSize, is_cursor: true };
	if (start + pageSize < sorted.length) pagination.next_token = Buffer.from(`o:${start + pageSize}`).toString('base64');
	return { items, pagination };
}
