// File → Create and Folder → Create differ only in what they create: a name (or a/b/c path) below a parent
// folder, POST /file/create with mkdir -p, and "Error If Exists".
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createFile } from '../../shared/api/files';
import { readLocatorUri } from '../../shared/locator';
import { fileOutput } from '../../shared/output';
import type { CloudreveClient } from '../../shared/transport/client';
import { joinRelativePath, pathToUri } from '../../shared/uri';
import { simplifyOption } from './common.descriptions';

export async function createItem(
	ctx: IExecuteFunctions,
	i: number,
	client: CloudreveClient,
	type: 'file' | 'folder',
	example: string,
): Promise<INodeExecutionData> {
	const parent = await readLocatorUri(ctx, client, 'parentFolder', i);
	const name = String(ctx.getNodeParameter('name', i)).trim();
	if (pathToUri(name) === 'cloudreve://my') {
		const label = type === 'file' ? 'File Name' : 'Folder Name';
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, { itemIndex: i, description: `Enter the name of the ${type} to create, such as ${example}.` });
	}
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	const item = await createFile(client, joinRelativePath(parent, name), type, { errOnConflict: options.errorIfExists === true, itemIndex: i });
	return { json: fileOutput(item, options.simplify !== false) };
}

/** The Options collection both Create operations offer. */
export function createOptions(show: Record<string, string[]>, whenExists: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Error If Exists',
				name: 'errorIfExists',
				type: 'boolean',
				default: false,
				description: whenExists,
			},
			simplifyOption(),
		],
	};
}
