export * from './saved-search.dto';
export * from './saved-search.views';
export * from './saved-search.service';
