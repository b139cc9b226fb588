// Site and account endpoints (cloudreve-api.md §2.1, §2.3).
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';

export async function ping(client: CloudreveClient, itemIndex?: number): Promise<string> {
	return await client.request<string>({ method: 'GET', path: '/site/ping', itemIndex });
}

export async function getCurrentUser(client: CloudreveClient, itemIndex?: number): Promise<IDataObject> {
	return await client.request<IDataObject>({ method: 'GET', path: '/user/me', itemIndex });
}

export async function getCapacity(client: CloudreveClient, itemIndex?: number): Promise<{ total: number; used: number }> {
	return await client.request<{ total: number; used: number }>({ method: 'GET', path: '/user/capacity', itemIndex });
}
