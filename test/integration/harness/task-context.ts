// Helpers for the Task resource's integration tests: a signed-in credential per account, and runNode with
// n8n's binary helpers (assertBinaryData, getBinaryDataBuffer) over in-memory binary items.
import { NodeOperationError, type IBinaryData, type IExecuteFunctions, type INodeExecutionData, type INodeType } from 'n8n-workflow';

import { Cloudreve } from '../../../nodes/Cloudreve/Cloudreve.node';
import type { TestServer } from '../../server';
import { CredentialStore, makeExecuteContext, type RunOptions } from './context';

export const cloudreveNode = new Cloudreve();

export function storeFor(server: TestServer, email: string, password: string): CredentialStore {
	return new CredentialStore({ baseUrl: server.url, authMode: 'password', email, password });
}

/** A binary item as n8n holds it without a binary store (base64 `data`). */
export function binaryItem(content: Buffer, fileName: string, mimeType = 'application/octet-stream'): INodeExecutionData {
	const data: IBinaryData = { data: content.toString('base64'), fileName, mimeType, fileSize: String(content.length) };
	return { json: {}, binary: { data } };
}

/** runNode plus the binary helpers operations use. */
export async function runWithBinary(nodeType: INodeType, options: RunOptions): Promise<INodeExecutionData[][]> {
	const ctx = makeExecuteContext(nodeType, options) as IExecuteFunctions & { helpers: Record<string, unknown> };
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const binaryOf = (i: number, property: string): IBinaryData => {
		const b = items[i]?.binary?.[property];
		if (!b) throw new NodeOperationError(ctx.getNode(), `This operation expects the node's input data to contain a binary file '${property}', but none was found`);
		return b;
	};
	ctx.helpers.assertBinaryData = (i: number, property: string) => binaryOf(i, property);
	ctx.helpers.getBinaryDataBuffer = async (i: number, property: string) => Buffer.from(binaryOf(i, property).data, 'base64');
	return (await nodeType.execute!.call(ctx)) as INodeExecutionData[][];
}

/** Runs the node and returns the first output's JSON items. */
export async function runTask(store: CredentialStore, parameters: Record<string, unknown>, opts: Partial<RunOptions> = {}) {
	const [out] = await runWithBinary(cloudreveNode, { parameters: { resource: 'task', ...parameters }, store, ...opts });
	return out;
}

/** Runs the node expecting an error; returns its message and description. */
export async function runTaskError(store: CredentialStore, parameters: Record<string, unknown>, opts: Partial<RunOptions> = {}) {
	try {
		await runTask(store, parameters, opts);
	} catch (error) {
		const e = error as { message: string; description?: string | null; constructor: { name: string } };
		return { message: e.message, description: e.description ?? '', kind: e.constructor.name, error };
	}
	throw new Error('expected the node to fail');
}

export const path = (p: string) => ({ __rl: true, mode: 'path', value: p });
