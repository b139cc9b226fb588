import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findTasks, selectDownloadFiles, taskOutput } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readTaskId, splitList, taskIdProperty } from './common';

const show = { resource: ['task'], operation: ['selectFiles'] };

export const description: INodeProperties[] = [
	taskIdProperty(show, 'ID of a torrent or magnet download that is waiting in its "monitor" phase'),
	{
		displayName: 'File Indexes',
		name: 'fileIndexes',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0, 2, 5',
		description: 'Indexes of the files to download, comma-separated, as listed in summary.props.download.files[].index of the task (Task → Get)',
		displayOptions: { show },
	},
	{
		displayName: 'Deselect Other Files',
		name: 'deselectOthers',
		type: 'boolean',
		default: true,
		description: 'Whether every file not listed is skipped. Otherwise only the listed files are switched on and the rest stay as they are.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = readTaskId(this, i);
	const raw = splitList(this.getNodeParameter('fileIndexes', i, ''));
	const indexes = raw.map(Number);
	if (indexes.length === 0 || indexes.some((n) => !Number.isInteger(n) || n < 0)) {
		throw new NodeOperationError(this.getNode(), `File Indexes "${raw.join(', ')}" is not a list of file indexes`, {
			itemIndex: i,
			description: 'Enter whole numbers such as 0, 2, 5 taken from the task\'s download.files list.',
		});
	}
	const chosen = new Set(indexes);
	const files = indexes.map((index) => ({ index, download: true }));
	if (this.getNodeParameter('deselectOthers', i, true) as boolean) {
		const task = (await findTasks(client, [id], ['downloading'], i)).get(id);
		for (const f of task?.summary?.props?.download?.files ?? []) {
			if (!chosen.has(f.index)) files.push({ index: f.index, download: false });
		}
	}
	await selectDownloadFiles(client, id, files, i);
	const after = (await findTasks(client, [id], ['downloading', 'downloaded'], i)).get(id);
	return { json: after ? taskOutput(after) : { id, selected: indexes } };
}
