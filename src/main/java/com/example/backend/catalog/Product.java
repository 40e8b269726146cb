package com.example.backend.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A catalogue entry. Stock only changes through {@link ProductRepository}'s conditional updates or an admin edit. */
@Entity
@Table(name = "products")
class Product {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "products_id")
	@SequenceGenerator(name = "products_id", sequenceName = "products_id_seq", allocationSize = 50)
	private Long id;

	private String sku;

	private String name;

	private BigDecimal price;

	private int stock;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Product() {
	}

	Product(ProductRequest request) {
		apply(request);
	}

	void apply(ProductRequest request) {
		this.sku = request.sku().trim();
		this.name = request.name().trim();
		this.price = request.price();
		this.stock = request.stock();
	}

	@PrePersist
	void onCreate() {
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.updatedAt = this.createdAt;
	}

	@PreUpdate
	void onUpdate() {
		this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	Long getId() {
		return this.id;
	}

	String getSku() {
		return this.sku;
	}

	String getName() {
		return this.name;
	}

	BigDecimal getPrice() {
		return this.price;
	}

	int getStock() {
		return this.stock;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

}
