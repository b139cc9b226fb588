// WebDAV accounts (cloudreve-api.md §2.10).
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';

/** `DavAccount`: `options` is a bitset (bit 0 read-only, bit 1 proxy, bit 2 disable system files). */
export interface DavAccount extends IDataObject {
	id: string;
	created_at: string;
	name: string;
	uri: string;
	password: string;
	options?: string;
}

/** `CreateDavAccountService`: create and update body (update replaces name, uri and options). */
export interface CreateDavAccountService extends IDataObject {
	uri: string;
	name: string;
	readonly?: boolean;
	proxy?: boolean;
	disable_sys_files?: boolean;
}

export async function listDavAccounts(client: CloudreveClient, limit: PageLimit, itemIndex?: number): Promise<DavAccount[]> {
	return await paginate<DavAccount>(client, { method: 'GET', path: '/devices/dav', itemIndex }, 'accounts', { ...limit, minPageSize: 10 });
}

export async function createDavAccount(client: CloudreveClient, body: CreateDavAccountService, itemIndex?: number): Promise<DavAccount> {
	return await client.request<DavAccount>({ method: 'PUT', path: '/devices/dav', body, itemIndex });
}

export async function updateDavAccount(client: CloudreveClient, id: string, body: CreateDavAccountService, itemIndex?: number): Promise<DavAccount> {
	return await client.request<DavAccount>({ method: 'PATCH', path: `/devices/dav/${encodeURIComponent(id)}`, body, itemIndex });
}

export async function deleteDavAccount(client: CloudreveClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: `/devices/dav/${encodeURIComponent(id)}`, itemIndex });
}

const OPTION_BITS = { readonly: 0, proxy: 1, disable_sys_files: 2 } as const;

/** Reads Cloudreve's base64 bitset (§1.14: byte i holds bits 8i..8i+7, least significant first). */
export function davOptions(bitset: string | undefined): { readonly: boolean; proxy: boolean; disable_sys_files: boolean } {
	const bytes = bitset ? Buffer.from(bitset, 'base64') : Buffer.alloc(0);
	const bit = (n: number) => ((bytes[Math.floor(n / 8)] ?? 0) & (1 << n % 8)) !== 0;
	return { readonly: bit(OPTION_BITS.readonly), proxy: bit(OPTION_BITS.proxy), disable_sys_files: bit(OPTION_BITS.disable_sys_files) };
}
