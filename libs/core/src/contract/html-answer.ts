import { ApiResponse } from '@nestjs/swagger';

/** An answer that is an HTML page for a person's browser (a page opened from a link, or its notice page in place of an error). */
export const ApiHtmlAnswer = (status: number, description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({ status, description, content: { 'text/html': { schema: { type: 'string' } } } });
