import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listStoragePolicies } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	return (await listStoragePolicies(client, i)).map((json) => ({ json }));
}
