package dev.onair.search.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List and search broadcasts",
			description = "Korean and English full text over title, description and tags; without q, every "
					+ "broadcast of the status filter.")
	@ApiResponse(responseCode = "200", description = "One page of broadcasts")
	@ApiResponse(responseCode = "400", description = "A parameter is invalid; the problem names it",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	SearchPage search(@Parameter(description = "Search text") @RequestParam(required = false) String q,
			@Parameter(description = "LIVE (default), ENDED or ALL") @RequestParam(required = false) String status,
			@Parameter(description = "Only broadcasts with this tag") @RequestParam(required = false) String tag,
			@Parameter(description = "Page number, from 0") @RequestParam(required = false) String page,
			@Parameter(description = "Page size (default and maximum configured)") @RequestParam(
					required = false) String size) {
		return this.search.search(SearchRequest.parse(q, status, tag, page, size, this.limits));
	}

	@GetMapping(path = "/suggest", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Title and tag suggestions for what the user has typed so far")
	@ApiResponse(responseCode = "200", description = "Suggestions")
	@ApiResponse(responseCode = "400", description = "q is invalid",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	Suggestions suggest(@Parameter(description = "The typed prefix") @RequestParam(required = false) String q) {
		return this.search.suggest(SearchRequest.text(q, this.limits));
	}

}
