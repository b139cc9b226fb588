import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listCreditChanges } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';

export const description: INodeProperties[] = [...returnAllAndLimit({ resource: ['user'], operation: ['listCreditChanges'] })];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = this.getNodeParameter('limit', i, 50) as number;
	return (await listCreditChanges(client, { returnAll, limit, pageSize: 50 }, i)).map((json) => ({ json }));
}
