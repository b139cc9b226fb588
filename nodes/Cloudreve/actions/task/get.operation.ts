import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findTasks, getTaskProgress } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readTaskId, taskIdProperty } from './common';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['get'] };

export const description: INodeProperties[] = [
	taskIdProperty(show, 'ID of one of your tasks (archive, extract, remote download, import, relocate)'),
	...waitProperties(show),
	{
		displayName: 'Include Progress',
		name: 'includeProgress',
		type: 'boolean',
		default: true,
		description: 'Whether to add the live progress counters ("progress") of a running task; finished tasks have none',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const id = readTaskId(this, i);
	// No single-task endpoint exists in Cloudreve 4.18: look through every list category.
	const task = (await findTasks(client, [id], ['general', 'downloading', 'downloaded'], i)).get(id);
	if (!task) {
		throw new NodeOperationError(this.getNode(), `Task ${id} was not found`, {
			itemIndex: i,
			description: 'Only your own tasks are listed. Check the ID with Task → Get Many.',
		});
	}
	// Looking at a failed task is not an error; waiting for one that fails is.
	const items = await finishTaskOperation(this, client, [task], i, {}, { failOnlyWhenWaiting: true });
	if (this.getNodeParameter('includeProgress', i, true) as boolean) {
		for (const item of items) {
			const json = item.json as IDataObject;
			json.progress = (await getTaskProgress(client, String(json.id), i)) as unknown as IDataObject;
		}
	}
	return items;
}
