import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getPreferences } from '../../../shared/api/account';
import type { CloudreveClient } from '../../../shared/transport/client';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	return { json: await getPreferences(client, i) };
}
