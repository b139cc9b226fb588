import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ping } from '../../../shared/api/site';
import type { CloudreveClient } from '../../../shared/transport/client';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const version = await ping(client, i);
	return { json: { version, pro: /-pro$/i.test(version), siteUrl: client.siteUrl } };
}
