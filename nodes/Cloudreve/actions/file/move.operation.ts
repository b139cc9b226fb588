import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { CloudreveClient } from '../../../shared/transport/client';
import { executeMoveCopy, moveCopyDescription } from './moveCopy';

export const description = moveCopyDescription('move');

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	return await executeMoveCopy.call(this, i, client, false);
}
