package com.example.backend.catalog;

import java.net.URI;
import java.util.Set;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ProblemType;
import com.example.backend.web.AccessToken;
import com.example.backend.web.ETags;
import com.example.backend.web.Paging;
import com.example.backend.web.Responds;

import static com.example.backend.web.Responds.Header.ETAG;
import static com.example.backend.web.Responds.Header.LOCATION;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "The catalogue that orders refer to")
class ProductController {

	private static final Set<String> SORTABLE = Set.of("name", "price", "createdAt", "id");

	private final CatalogService catalog;

	ProductController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@AccessToken(AccessToken.Use.OPTIONAL)
	@Operation(summary = "List products", description = "Paged; sortable by name, price, createdAt, id.")
	PagedModel<ProductResponse> list(
			@PageableDefault(size = 20, sort = "name", direction = Sort.Direction.ASC) Pageable pageable) {
		return new PagedModel<>(this.catalog.list(Paging.sortedBy(pageable, SORTABLE)));
	}

	@Responds(headers = ETAG)
	@GetMapping("/{id}")
	@AccessToken(AccessToken.Use.OPTIONAL)
	@Operation(summary = "One product")
	ResponseEntity<ProductResponse> get(@PathVariable long id) {
		ProductResponse product = this.catalog.get(id);
		return ETags.ok(product, product.version());
	}

	@Responds(status = 201, headers = LOCATION, problems = ProblemType.SKU_TAKEN)
	@PostMapping
	@PreAuthorize("hasAuthority('product:manage')")
	@Operation(summary = "Create a product (ADMIN)", description = "409 when the SKU is taken.")
	ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request) {
		ProductResponse product = this.catalog.create(request);
		return ResponseEntity.created(URI.create("/api/v1/products/" + product.id())).body(product);
	}

	@Responds(headers = ETAG,
			problems = { ProblemType.STALE_VERSION, ProblemType.PRECONDITION_FAILED, ProblemType.SKU_TAKEN })
	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('product:manage')")
	@Operation(summary = "Replace a product (ADMIN)",
			description = "Send `version` (409 when stale) or `If-Match` (412 when stale) to guard against lost "
					+ "updates; orders move the version " + "too, because they change the stock.")
	ResponseEntity<ProductResponse> update(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ProductRequest request) {
		ProductResponse product = this.catalog.update(id, request, ETags.expectedVersion(ifMatch, request.version()));
		return ETags.ok(product, product.version());
	}

	@Responds(status = 204)
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('product:manage')")
	@Operation(summary = "Delete a product (ADMIN)",
			description = "Orders keep their lines (name and price were snapshotted); their productId becomes null.")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.catalog.delete(id);
		return ResponseEntity.noContent().build();
	}

}
