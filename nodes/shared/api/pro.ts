// Cloudreve Pro endpoints (cloudreve-api.md §2.1 Report abuse, §2.3 Setting/credit/payments, §2.8 VAS, §2.9
// Group). None is routed by the community server, which answers HTTP 404; the transport turns that into
// "This operation needs Cloudreve Pro (or a newer server)". Only GET /user/setting/policies is confirmed by the
// reference; the other paths follow the best available trace (§2.9: GET /group/list; §2.1: the v3 route
// POST /share/report/:id) or Cloudreve's route naming, and are listed as unconfirmed in the README.
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';

export const PRO_PATHS = {
	storagePolicies: '/user/setting/policies',
	nodes: '/user/setting/nodes',
	creditChanges: '/user/credit',
	payments: '/user/payments',
	groups: '/group/list',
	payment: '/vas/payment',
	giftCode: '/vas/giftCode',
	reportAbuse: '/share/report',
} as const;

/** `StoragePolicy` as listed for the user (§2.11). */
export interface StoragePolicy extends IDataObject {
	id: string;
	name: string;
	type: string;
	max_size: number;
	allowed_suffix?: string[];
	relay?: boolean;
}

/** `Node` (§2.3): capabilities is a bitset (1 create_archive, 2 extract_archive, 3 remote_download). */
export interface CloudreveNode extends IDataObject {
	id: string;
	name: string;
	type: 'master' | 'slave';
	capabilities: string;
}

/** `Group` (§2.11). */
export interface Group extends IDataObject {
	id: string;
	name: string;
	permission?: string;
	direct_link_batch_size?: number;
	trash_retention?: number;
}

/** `Payment` [Pro]. */
export interface Payment extends IDataObject {
	id: string;
	status?: string;
}

export async function listStoragePolicies(client: CloudreveClient, itemIndex?: number): Promise<StoragePolicy[]> {
	return (await client.request<StoragePolicy[] | null>({ method: 'GET', path: PRO_PATHS.storagePolicies, itemIndex })) ?? [];
}

export async function listNodes(client: CloudreveClient, itemIndex?: number): Promise<CloudreveNode[]> {
	return (await client.request<CloudreveNode[] | null>({ method: 'GET', path: PRO_PATHS.nodes, itemIndex })) ?? [];
}

export async function listCreditChanges(client: CloudreveClient, limit: PageLimit, itemIndex?: number): Promise<IDataObject[]> {
	return await paginate<IDataObject>(client, { method: 'GET', path: PRO_PATHS.creditChanges, itemIndex }, 'changes', { ...limit, minPageSize: 10 });
}

export async function listPayments(client: CloudreveClient, limit: PageLimit, itemIndex?: number): Promise<Payment[]> {
	return await paginate<Payment>(client, { method: 'GET', path: PRO_PATHS.payments, itemIndex }, 'payments', { ...limit, minPageSize: 10 });
}

export async function listGroups(client: CloudreveClient, itemIndex?: number): Promise<Group[]> {
	return (await client.request<Group[] | null>({ method: 'GET', path: PRO_PATHS.groups, itemIndex })) ?? [];
}

/** PUT /vas/payment: the body names the product (storage pack, group SKU or credits) and the provider. */
export async function createPayment(client: CloudreveClient, body: IDataObject, itemIndex?: number): Promise<IDataObject> {
	return await client.request<IDataObject>({ method: 'PUT', path: PRO_PATHS.payment, body, itemIndex });
}

export async function getPayment(client: CloudreveClient, id: string, itemIndex?: number): Promise<Payment> {
	return await client.request<Payment>({ method: 'GET', path: `${PRO_PATHS.payment}/${encodeURIComponent(id)}`, itemIndex });
}

export async function checkGiftCode(client: CloudreveClient, code: string, itemIndex?: number): Promise<IDataObject> {
	return await client.request<IDataObject>({ method: 'GET', path: `${PRO_PATHS.giftCode}/${encodeURIComponent(code)}`, itemIndex });
}

export async function redeemGiftCode(client: CloudreveClient, code: string, itemIndex?: number): Promise<IDataObject | undefined> {
	return await client.request<IDataObject | undefined>({ method: 'POST', path: `${PRO_PATHS.giftCode}/${encodeURIComponent(code)}`, itemIndex });
}

/** Reports a share link; `reason` is a category number, `des` free text (v3 `ReportService`). */
export async function reportAbuse(client: CloudreveClient, shareId: string, body: { reason: number; des?: string }, itemIndex?: number): Promise<void> {
	await client.request({ method: 'POST', path: `${PRO_PATHS.reportAbuse}/${encodeURIComponent(shareId)}`, body, itemIndex });
}
