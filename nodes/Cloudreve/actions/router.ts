// Runs the selected operation for every input item: one API client per execution (so at most one sign-in),
// pairedItem on every output, and continueOnFail honoured per item.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { getClient } from '../../shared/transport/client';
import { RESOURCES } from './resources';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const client = await getClient(this);

	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const module = RESOURCES.find((r) => r.resource.value === resource)?.modules[operation];
		try {
			if (!module) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex: i });
			}
			const result = await module.execute.call(this, i, client);
			const executionData = this.helpers.constructExecutionMetaData(Array.isArray(result) ? result : [result], {
				itemData: { item: i },
			});
			returnData.push(...executionData);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: errorJson(error),
					pairedItem: { item: i },
				});
				continue;
			}
			throw toNodeError(this.getNode(), error, i);
		}
	}
	return [returnData];
}

function errorJson(error: unknown): IDataObject {
	const { message, description } = error as { message?: string; description?: string | null };
	return description ? { error: message ?? String(error), description } : { error: message ?? String(error) };
}
