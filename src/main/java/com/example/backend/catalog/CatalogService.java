package com.example.backend.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.cache.CacheAside;
import com.example.backend.cache.Caches;
import com.example.backend.catalog.CatalogExceptions.InsufficientStock;
import com.example.backend.catalog.CatalogExceptions.SkuTaken;
import com.example.backend.catalog.CatalogExceptions.UnknownProduct;
import com.example.backend.errors.NotFound;
import com.example.backend.errors.StaleVersion;

/** The product catalogue, and the stock bookkeeping that orders rely on. */
@Service
@Transactional(readOnly = true)
public class CatalogService {

	private final ProductRepository products;

	private final CacheAside<ProductResponse> productCache;

	CatalogService(ProductRepository products, Caches caches) {
		this.products = products;
		this.productCache = caches.define("product", 1, ProductResponse.class);
	}

	public Page<ProductResponse> list(Pageable pageable) {
		return this.products.findAll(pageable).map(ProductResponse::of);
	}

	/** Through the cache; every change of the product, stock included, evicts it. */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public ProductResponse get(long id) {
		return this.productCache.get(id, () -> this.products.findById(id).map(ProductResponse::of))
			.orElseThrow(() -> new NotFound("Product", id));
	}

	@Transactional
	public ProductResponse create(ProductRequest request) {
		String sku = request.sku().trim();
		if (this.products.existsBySku(sku)) {
			throw new SkuTaken();
		}
		Product product = new Product(sku, request.name().trim(), request.price(), request.stock());
		return ProductResponse.of(this.products.saveAndFlush(product));
	}

	/**
	 * Full update; changes nothing unless the product is still at {@code expectedVersion}
	 * (null: unconditional). The request's own {@code version} field is not read here;
	 * the controller folds it into {@code expectedVersion}.
	 */
	@Transactional
	public ProductResponse update(long id, ProductRequest request, Long expectedVersion) {
		Product product = load(id);
		if (expectedVersion != null && expectedVersion != product.getVersion()) {
			throw new StaleVersion("product");
		}
		String sku = request.sku().trim();
		if (!product.getSku().equals(sku) && this.products.existsBySku(sku)) {
			throw new SkuTaken();
		}
		product.edit(sku, request.name().trim(), request.price(), request.stock());
		this.productCache.evictAfterCommit(id);
		return ProductResponse.of(this.products.saveAndFlush(product));
	}

	@Transactional
	public void delete(long id) {
		this.products.delete(load(id));
		this.productCache.evictAfterCommit(id);
	}

	/**
	 * Reserves stock for every line or for none: each line is one conditional UPDATE,
	 * taken in product id order so that two orders over the same products lock rows in
	 * the same order and cannot deadlock. A short line throws, and the caller's
	 * transaction (mandatory) rolls back the lines already taken. Returns the lines with
	 * name and price as they are now, read under the row locks just taken.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<ReservedItem> reserve(Map<Long, Integer> quantities) {
		SortedMap<Long, Integer> ordered = new TreeMap<>(quantities);
		this.productCache.evictAfterCommit(ordered.keySet());
		ordered.forEach((productId, quantity) -> {
			if (this.products.takeStock(productId, quantity) == 0) {
				throw this.products.existsById(productId) ? new InsufficientStock(productId)
						: new UnknownProduct(productId);
			}
		});
		Map<Long, Product> byId = this.products.findAllByIds(ordered.keySet())
			.stream()
			.collect(Collectors.toMap(Product::getId, Function.identity()));
		List<ReservedItem> reserved = new ArrayList<>(quantities.size());
		quantities.forEach((productId, quantity) -> {
			Product product = byId.get(productId);
			reserved.add(new ReservedItem(productId, product.getName(), product.getPrice(), quantity));
		});
		return reserved;
	}

	/**
	 * Puts stock back, as when an order is cancelled. Products deleted since are skipped.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void release(Map<Long, Integer> quantities) {
		new TreeMap<>(quantities).forEach(this.products::returnStock);
		this.productCache.evictAfterCommit(quantities.keySet());
	}

	private Product load(long id) {
		return this.products.findById(id).orElseThrow(() -> new NotFound("Product", id));
	}

}
