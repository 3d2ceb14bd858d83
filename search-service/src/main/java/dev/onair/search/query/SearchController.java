package dev.onair.search.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * List, search and suggestions. Parameters arrive as text and are validated here so every
 * mistake gets a 400 problem naming the parameter. The index lives in memory and a search
 * is a few hundred microseconds of CPU, so it runs on the request thread without blocking
 * I/O.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

	private final BroadcastSearch search;

	private final QueryLimits limits;

	SearchController(BroadcastSearch search, QueryLimits limits) {
		this.search = search;
		this.limits = limits;
	}

	@GetMapping
	SearchPage search(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		return this.search.search(SearchRequest.parse(q, status, tag, page, size, this.limits));
	}

	@GetMapping("/suggest")
	Suggestions suggest(@RequestParam(required = false) String q) {
		return this.search.suggest(SearchRequest.text(q, this.limits));
	}

}
