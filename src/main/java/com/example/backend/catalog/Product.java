package com.example.backend.catalog;

import java.math.BigDecimal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import com.example.backend.persistence.AuditedEntity;

/**
 * A catalogue entry. Stock only changes through {@link ProductRepository}'s conditional
 * updates or an admin edit.
 */
@Entity
@Table(name = "products")
class Product extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "products_id")
	@SequenceGenerator(name = "products_id", sequenceName = "products_id_seq", allocationSize = 50)
	private Long id;

	private String sku;

	private String name;

	private BigDecimal price;

	private int stock;

	protected Product() {
	}

	Product(String sku, String name, BigDecimal price, int stock) {
		edit(sku, name, price, stock);
	}

	void edit(String sku, String name, BigDecimal price, int stock) {
		this.sku = sku;
		this.name = name;
		this.price = price;
		this.stock = stock;
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

}
