import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listTasks, taskOutput, type TaskCategory } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';

const show = { resource: ['task'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		default: 'general',
		options: [
			{ name: 'Downloaded', value: 'downloaded', description: 'Remote downloads that are completed, failed or canceled' },
			{ name: 'Downloading', value: 'downloading', description: 'Remote downloads that are queued or running' },
			{ name: 'General', value: 'general', description: 'Archive, extract, import and relocate tasks, in every status' },
		],
		description: 'Which of your tasks to list',
		displayOptions: { show },
	},
	...returnAllAndLimit(show),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const category = this.getNodeParameter('category', i) as TaskCategory;
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const tasks = await listTasks(client, category, { returnAll, limit, pageSize: 100 }, i);
	return tasks.map((t) => ({ json: taskOutput(t) }));
}
