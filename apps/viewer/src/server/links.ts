/**
 * How a view links to a file: the server answers `/files/<location>` and `/artifact/<location>`; a static
 * export copies each linked file and links it relatively. Readers only ask for links, never build URLs.
 */
export interface Links {
  file(location: string): string;
  artifact(location: string): string;
}

function encodeLocation(location: string): string {
  return location.split('/').map(encodeURIComponent).join('/');
}

export const serverLinks: Links = {
  file: (location) => `/files/${encodeLocation(location)}`,
  artifact: (location) => `/artifact/${encodeLocation(location)}`,
};

/** Links for a static copy; `onLink` learns every location linked so the export can copy it. */
export function exportLinks(onLink: (location: string, kind: 'file' | 'artifact') => void): Links {
  return {
    file: (location) => {
      onLink(location, 'file');
      return `files/${encodeLocation(location)}`;
    },
    artifact: (location) => {
      onLink(location, 'artifact');
      return `artifacts/${encodeLocation(location)}`;
    },
  };
}
