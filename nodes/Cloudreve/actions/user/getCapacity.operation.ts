import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getCapacity } from '../../../shared/api/site';
import type { CloudreveClient } from '../../../shared/transport/client';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const capacity = await getCapacity(client, i);
	const free = Math.max(0, capacity.total - capacity.used);
	return {
		json: {
			...capacity,
			free,
			usedPercent: capacity.total > 0 ? Math.round((capacity.used / capacity.total) * 10000) / 100 : 0,
		},
	};
}
