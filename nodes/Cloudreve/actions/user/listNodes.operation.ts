import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listNodes } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	return (await listNodes(client, i)).map((json) => ({ json }));
}
