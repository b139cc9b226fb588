// Output shaping shared by the action node and the trigger: a simplified file object (n8n's "Simplify").
import type { IDataObject } from 'n8n-workflow';

import type { FileResponse } from './api/types';
import { uriPath } from './uri';

export function simplifyFile(file: FileResponse): IDataObject {
	let path = file.path;
	try {
		path = uriPath(file.path);
	} catch {
		path = file.path;
	}
	return {
		id: file.id,
		name: file.name,
		type: file.type === 1 ? 'folder' : 'file',
		path,
		uri: file.path,
		size: file.size,
		created_at: file.created_at,
		updated_at: file.updated_at,
		...(file.primary_entity ? { version: file.primary_entity } : {}),
		...(file.shared !== undefined ? { shared: file.shared } : {}),
	};
}

export function fileOutput(file: FileResponse, simplify: boolean): IDataObject {
	return simplify ? simplifyFile(file) : (file as unknown as IDataObject);
}
