package dev.prooflane.kubernetes.crd;

import io.fabric8.generator.annotation.Required;

/** The image one container of a fork runs instead of the baseline's. */
public class ImageOverride {
  @Required private String container;
  @Required private String image;

  public ImageOverride() {}

  public ImageOverride(String container, String image) {
    this.container = container;
    this.image = image;
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }
}
